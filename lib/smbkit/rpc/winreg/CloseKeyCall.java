package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/** BaseRegCloseKey (opnum 5). */
public final class CloseKeyCall extends RpcCall {

    private final byte[] key;

    public CloseKeyCall(byte[] key) {
        this.key = key;
    }

    @Override
    public String name() {
        return "BaseRegCloseKey";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_CLOSE_KEY;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, key);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        WinregNdr.handle(buf);
        status = buf.dec_ndr_long();
    }
}
