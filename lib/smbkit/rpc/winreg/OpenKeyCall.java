package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/** BaseRegOpenKey (opnum 15): a subkey of an open key. */
public final class OpenKeyCall extends RpcCall {

    private final byte[] parent;
    private final String subKey;
    private final int access;
    private byte[] handle;

    public OpenKeyCall(byte[] parent, String subKey, int access) {
        this.parent = parent;
        this.subKey = subKey;
        this.access = access;
    }

    @Override
    public String name() {
        return "BaseRegOpenKey";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_OPEN_KEY;
    }

    public byte[] handle() {
        return handle;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, parent);
        WinregNdr.string(buf, subKey);
        buf.enc_ndr_long(0); // dwOptions
        buf.enc_ndr_long(access);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        handle = WinregNdr.handle(buf);
        status = buf.dec_ndr_long();
        WinregNdr.requireOpen(handle, status, name());
    }
}
