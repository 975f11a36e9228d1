package smbkit.rpc.srvsvc;

import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrStruct;

/** {@link SrvsvcOp#NetrServerGetInfo}: platform, version, type, comment and, at level 102, the user limit. */
public final class ServerGetInfoCall extends RpcCall {

    public ServerGetInfoCall(String serverName, int level) {
        super(SrvsvcOp.NetrServerGetInfo, serverName, InfoLevels.known(InfoLevels.SERVER, level, "NetrServerGetInfo"));
    }

    public int level() {
        return (Integer) in("Level");
    }

    /** The SERVER_INFO_1xx the server returned, or null on an error status. */
    public NdrStruct info() {
        return out("InfoStruct");
    }
}
