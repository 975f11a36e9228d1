package smbkit.rpc.srvsvc;

import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrStruct;

/** {@link SrvsvcOp#NetrShareGetInfo}: one share; level 502 carries its security descriptor. */
public final class ShareGetInfoCall extends RpcCall {

    public ShareGetInfoCall(String serverName, String share, int level) {
        super(SrvsvcOp.NetrShareGetInfo, serverName, share, InfoLevels.known(InfoLevels.SHARE, level, "NetrShareGetInfo"));
    }

    public int level() {
        return (Integer) in("Level");
    }

    public NdrStruct info() {
        return out("InfoStruct");
    }
}
