package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.RpcCall;

/** BaseRegEnumKey (opnum 9): the name of the index-th subkey, or ERROR_NO_MORE_ITEMS past the last. */
public final class EnumKeyCall extends RpcCall {

    /** Registry key names are at most 255 characters. */
    static final int NAME_CHARS = 256;

    private final byte[] key;
    private final int index;
    private String subKey;

    public EnumKeyCall(byte[] key, int index) {
        this.key = key;
        this.index = index;
    }

    @Override
    public String name() {
        return "BaseRegEnumKey";
    }

    public int index() {
        return index;
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_ENUM_KEY;
    }

    public String subKey() {
        return subKey;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, key);
        buf.enc_ndr_long(index);
        WinregNdr.emptyString(buf, NAME_CHARS);
        // Samba refuses a NULL class (ERROR_INVALID_PARAMETER): send an empty one to be filled, and a time.
        buf.enc_ndr_referent(buf, 1);
        WinregNdr.emptyString(buf, NAME_CHARS);
        buf.enc_ndr_referent(buf, 1);
        buf.enc_ndr_long(0); // FILETIME: two DWORDs, so aligned to 4, not 8
        buf.enc_ndr_long(0);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) throws NdrException {
        subKey = WinregNdr.readString(buf);
        buf.align(4);
        if (buf.dec_ndr_long() != 0) { // lplpClassOut: [out] reference to a unique pointer to the class
            WinregNdr.readString(buf);
        }
        if (buf.dec_ndr_long() != 0) { // lpftLastWriteTime: FILETIME, two DWORDs
            buf.dec_ndr_long();
            buf.dec_ndr_long();
        }
        status = buf.dec_ndr_long();
        if (status == Winreg.ERROR_SUCCESS && (subKey == null || subKey.isEmpty())) {
            throw new smbkit.rpc.ndr.MalformedReplyException(name() + " returned ERROR_SUCCESS with "
                    + (subKey == null ? "a NULL" : "an empty") + " subkey name");
        }
    }
}
