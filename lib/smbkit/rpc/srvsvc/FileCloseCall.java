package smbkit.rpc.srvsvc;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrParams;

/** NetrFileClose (opnum 11): closes one open file or pipe by its id (net files ID /close). */
public final class FileCloseCall extends RpcCall {

    private final String serverName;
    private final long fileId;

    public FileCloseCall(String serverName, long fileId) {
        this.serverName = serverName;
        this.fileId = fileId;
    }

    @Override
    public String name() {
        return "NetrFileClose";
    }

    @Override
    public int getOpnum() {
        return Srvsvc.OP_FILE_CLOSE;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        buf.enc_ndr_long((int) fileId);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        status = buf.dec_ndr_long();
    }
}
