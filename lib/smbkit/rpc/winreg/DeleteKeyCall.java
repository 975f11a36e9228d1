package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/** BaseRegDeleteKey (opnum 7): removes a subkey that has no subkeys of its own, values and all. */
public final class DeleteKeyCall extends RpcCall {

    private final byte[] parent;
    private final String subKey;

    public DeleteKeyCall(byte[] parent, String subKey) {
        this.parent = parent;
        this.subKey = subKey;
    }

    @Override
    public String name() {
        return "BaseRegDeleteKey";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_DELETE_KEY;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, parent);
        WinregNdr.string(buf, subKey);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        status = buf.dec_ndr_long();
    }
}
