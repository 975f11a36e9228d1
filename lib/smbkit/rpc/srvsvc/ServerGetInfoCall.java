package smbkit.rpc.srvsvc;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrParams;
import smbkit.rpc.ndr.NdrStruct;

/** NetrServerGetInfo (opnum 21): platform, version, type, comment and, at level 102, the user limit. */
public final class ServerGetInfoCall extends RpcCall {

    private final String serverName;
    private final int level;
    private NdrStruct info;

    public ServerGetInfoCall(String serverName, int level) {
        this.serverName = serverName;
        this.level = level;
        InfoLevels.of(InfoLevels.SERVER, level, name());
    }

    @Override
    public String name() {
        return "NetrServerGetInfo";
    }

    public int level() {
        return level;
    }

    @Override
    public int getOpnum() {
        return Srvsvc.OP_SERVER_GET_INFO;
    }

    /** The SERVER_INFO_1xx the server returned, or null on an error status. */
    public NdrStruct info() {
        return info;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        buf.enc_ndr_long(level);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) throws NdrException {
        info = UnionReply.decode(buf, InfoLevels.SERVER, name());
        status = buf.dec_ndr_long();
        UnionReply.check(info, status, level, null, name());
    }
}
