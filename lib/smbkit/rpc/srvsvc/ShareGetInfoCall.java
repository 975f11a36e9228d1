package smbkit.rpc.srvsvc;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrParams;
import smbkit.rpc.ndr.NdrStruct;

/** NetrShareGetInfo (opnum 16): one share; level 502 carries its security descriptor. */
public final class ShareGetInfoCall extends RpcCall {

    private final String serverName;
    private final String share;
    private final int level;
    private NdrStruct info;

    public ShareGetInfoCall(String serverName, String share, int level) {
        this.serverName = serverName;
        this.share = share;
        this.level = level;
        InfoLevels.of(InfoLevels.SHARE, level, name());
    }

    @Override
    public String name() {
        return "NetrShareGetInfo";
    }

    public int level() {
        return level;
    }

    @Override
    public int getOpnum() {
        return Srvsvc.OP_SHARE_GET_INFO;
    }

    public NdrStruct info() {
        return info;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        buf.enc_ndr_string(share); // [in, string] wchar_t*: a reference pointer, no referent on the wire
        buf.enc_ndr_long(level);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) throws NdrException {
        info = UnionReply.decode(buf, InfoLevels.SHARE, name());
        status = buf.dec_ndr_long();
        UnionReply.check(info, status, level, "netname", name());
    }
}
