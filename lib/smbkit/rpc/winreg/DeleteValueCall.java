package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/** BaseRegDeleteValue (opnum 8). */
public final class DeleteValueCall extends RpcCall {

    private final byte[] key;
    private final String value;

    public DeleteValueCall(byte[] key, String value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public String name() {
        return "BaseRegDeleteValue";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_DELETE_VALUE;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, key);
        WinregNdr.string(buf, value);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        status = buf.dec_ndr_long();
    }
}
