package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.RpcCall;

/** BaseRegEnumValue (opnum 10): the index-th value's name, type and data; ERROR_MORE_DATA when the buffer is short. */
public final class EnumValueCall extends RpcCall {

    /** Value names are at most 16383 characters; smbkit's are short. */
    static final int NAME_CHARS = 1024;

    private final byte[] key;
    private final int index;
    private final int size;
    private String valueName;
    private Long type;
    private byte[] data;
    private Long needed;

    public EnumValueCall(byte[] key, int index, int size) {
        this.key = key;
        this.index = index;
        this.size = size;
    }

    @Override
    public String name() {
        return "BaseRegEnumValue";
    }

    public int index() {
        return index;
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_ENUM_VALUE;
    }

    public String valueName() {
        return valueName;
    }

    public Long type() {
        return type;
    }

    public byte[] data() {
        return data;
    }

    public Long needed() {
        return needed;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, key);
        buf.enc_ndr_long(index);
        WinregNdr.emptyString(buf, NAME_CHARS);
        WinregNdr.valueParams(buf, size);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) throws NdrException {
        valueName = WinregNdr.readString(buf);
        WinregNdr.Value v = WinregNdr.readValueParams(buf);
        type = v.type();
        data = v.data();
        needed = v.needed();
        status = buf.dec_ndr_long();
        WinregNdr.requireValue(v, status, name());
    }
}
