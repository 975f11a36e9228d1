package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/**
 * BaseRegCreateKey (opnum 6): opens a subkey, creating it when missing. No class, non-volatile, no security
 * attributes (the key inherits its parent's), and a disposition that says whether it was created.
 */
public final class CreateKeyCall extends RpcCall {

    public static final int REG_CREATED_NEW_KEY = 1;
    public static final int REG_OPENED_EXISTING_KEY = 2;

    private final byte[] parent;
    private final String subKey;
    private final int access;
    private byte[] handle;
    private Long disposition;

    public CreateKeyCall(byte[] parent, String subKey, int access) {
        this.parent = parent;
        this.subKey = subKey;
        this.access = access;
    }

    @Override
    public String name() {
        return "BaseRegCreateKey";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_CREATE_KEY;
    }

    public byte[] handle() {
        return handle;
    }

    public Long disposition() {
        return disposition;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, parent);
        WinregNdr.string(buf, subKey);
        WinregNdr.string(buf, null); // lpClass
        buf.enc_ndr_long(0); // dwOptions: REG_OPTION_NON_VOLATILE
        buf.enc_ndr_long(access);
        buf.enc_ndr_long(0); // lpSecurityAttributes: NULL
        WinregNdr.dword(buf, 0); // lpdwDisposition
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        handle = WinregNdr.handle(buf);
        disposition = WinregNdr.readDword(buf);
        status = buf.dec_ndr_long();
        WinregNdr.requireOpen(handle, status, name());
    }
}
