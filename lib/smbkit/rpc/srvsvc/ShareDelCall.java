package smbkit.rpc.srvsvc;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrParams;

/** NetrShareDel (opnum 18): removes a share. */
public final class ShareDelCall extends RpcCall {

    private final String serverName;
    private final String share;

    public ShareDelCall(String serverName, String share) {
        this.serverName = serverName;
        this.share = share;
    }

    @Override
    public String name() {
        return "NetrShareDel";
    }

    @Override
    public int getOpnum() {
        return Srvsvc.OP_SHARE_DEL;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        buf.enc_ndr_string(share);
        buf.enc_ndr_long(0); // Reserved
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        status = buf.dec_ndr_long();
    }
}
