package smbkit.access;

import java.util.ArrayList;
import java.util.List;

import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionListing;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.SrvsvcClient;
import smbkit.rpc.srvsvc.SrvsvcModels;
import smbkit.rpc.srvsvc.Srvsvc;

/** A server reached over SMB: one connection, one pipe per RPC interface, reused by every call. */
public final class RemoteServer implements ServerAccess {

    /** Richest first: 502 and 2 add client type and transport, 10 idle time without flags, 0 only names. */
    static final int[] SESSION_LEVELS = {502, 2, 10, 1, 0};

    private final SmbConnection connection;
    private final int preferredMaximumLength;
    private SrvsvcClient srvsvc;

    public RemoteServer(SmbConnection connection, int preferredMaximumLength) {
        this.connection = connection;
        this.preferredMaximumLength = preferredMaximumLength;
    }

    public static RemoteServer connect(Target target, Credentials credentials, SmbConnection.Options options) {
        return new RemoteServer(SmbConnection.open(target, credentials, options), Srvsvc.MAX_PREFERRED_LENGTH);
    }

    public SmbConnection connection() {
        return connection;
    }

    private SrvsvcClient srvsvc() {
        if (srvsvc == null) {
            Target t = connection.target();
            srvsvc = new SrvsvcClient(connection.pipe(Srvsvc.PIPE, Srvsvc.SYNTAX), t.host(), t.toString(),
                    connection.credentials().isAnonymous());
        }
        return srvsvc;
    }

    @Override
    public String where() {
        return connection.target().toString();
    }

    @Override
    public ServerInfo serverInfo() {
        return SrvsvcModels.serverInfo(srvsvc().serverInfo(102, 101));
    }

    @Override
    public SessionListing sessions(String client, String user) {
        // Windows filters on the server; Samba ignores the filters, so they are applied here as well.
        String clientArg = client == null ? null : Srvsvc.serverName(client);
        SrvsvcClient.Listing listing = srvsvc().enumerate(EnumCall.Kind.SESSIONS, new String[] {clientArg, user},
                SESSION_LEVELS, preferredMaximumLength);
        List<Session> sessions = new ArrayList<>();
        for (var e : listing.entries()) {
            Session s = SrvsvcModels.session(e);
            if (SessionFilter.matches(s, client, user)) {
                sessions.add(s);
            }
        }
        return new SessionListing(sessions, "NetrSessionEnum level " + listing.level());
    }

    @Override
    public void close() {
        connection.close();
    }
}
