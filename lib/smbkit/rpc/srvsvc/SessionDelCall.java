package smbkit.rpc.srvsvc;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrParams;

/** NetrSessionDel (opnum 13): ends a client's sessions (net session \\client /delete), or one user's. */
public final class SessionDelCall extends RpcCall {

    private final String serverName;
    private final String client;
    private final String user;

    /** @param client {@code \\name} or null; @param user null for every user of the client */
    public SessionDelCall(String serverName, String client, String user) {
        this.serverName = serverName;
        this.client = client;
        this.user = user;
    }

    @Override
    public String name() {
        return "NetrSessionDel";
    }

    @Override
    public int getOpnum() {
        return Srvsvc.OP_SESSION_DEL;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        NdrParams.uniqueString(buf, client);
        NdrParams.uniqueString(buf, user);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        status = buf.dec_ndr_long();
    }
}
