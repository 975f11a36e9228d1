package smbkit.rpc.srvsvc;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrParams;
import smbkit.rpc.ndr.NdrStruct;

/** NetrShareAdd (opnum 14): creates a share from a SHARE_INFO_2 or 502. */
public final class ShareAddCall extends RpcCall {

    private final String serverName;
    private final int level;
    private final NdrStruct info;
    private long parmErr;

    public ShareAddCall(String serverName, int level, NdrStruct info) {
        this.serverName = serverName;
        this.level = level;
        this.info = info;
    }

    @Override
    public String name() {
        return "NetrShareAdd";
    }

    @Override
    public int getOpnum() {
        return Srvsvc.OP_SHARE_ADD;
    }

    /** On ERROR_INVALID_PARAMETER, which field the server refused. */
    public long parmErr() {
        return parmErr;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        buf.enc_ndr_long(level);
        UnionReply.encode(buf, level, info);
        Integer zero = 0;
        buf.enc_ndr_referent(zero, 1);
        buf.enc_ndr_long(zero);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        parmErr = buf.dec_ndr_long() != 0 ? buf.dec_ndr_long() & 0xFFFFFFFFL : 0;
        status = buf.dec_ndr_long();
    }
}
