package smbkit.access;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import smbkit.SmbkitException;
import smbkit.model.Connection;
import smbkit.model.Limits;
import smbkit.model.OpenFile;
import smbkit.model.RegistryKeys;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionFilter;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.Srvsvc;
import smbkit.rpc.srvsvc.SrvsvcClient;
import smbkit.rpc.srvsvc.SrvsvcModels;

/** A server reached over SMB: one connection, one pipe per RPC interface, reused by every call. */
public final class RemoteServer implements ServerAccess, SessionControl, FileControl, ShareControl {

    private final SmbConnection connection;
    private final int preferredMaximumLength;
    private SrvsvcClient srvsvc;
    private ServerInfo serverInfo;
    private Registry registry;

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
    public String dialect() {
        return connection.dialectIfConnected();
    }

    @Override
    public ServerInfo serverInfo() {
        if (serverInfo == null) {
            ServerInfo info = SrvsvcModels.serverInfo(srvsvc().serverInfo());
            serverInfo = info.isSamba() ? withSambaLimit(info) : info;
        }
        return serverInfo;
    }

    private SrvsvcClient.Listing list(EnumCall.Kind kind, String[] filters) {
        return srvsvc().enumerate(kind, filters, preferredMaximumLength);
    }

    /**
     * Samba reports no user limit over srvsvc; its 'max smbd processes' is readable over winreg where its
     * configuration lives in the registry. Samba counts two helper processes against it.
     */
    private ServerInfo withSambaLimit(ServerInfo info) {
        try {
            return registry().get(RegistryKeys.SAMBA_GLOBAL, "max smbd processes")
                    .map(v -> v.asString().strip()).filter(v -> v.matches("\\d+")).map(Long::parseLong).filter(n -> n > Limits.SAMBA_HELPER_PROCESSES)
                    .map(n -> new ServerInfo(info.name(), info.platformId(), info.versionMajor(), info.versionMinor(),
                            info.type(), info.comment(), Limits.sambaSessions(n)))
                    .orElse(info);
        } catch (SmbkitException e) {
            return info; // the registry is out of reach: no limit known
        }
    }

    @Override
    public SessionListing sessions(String client, String user) {
        // Windows filters on the server; Samba ignores the filters, so they are applied here as well.
        String clientArg = client == null ? null : Srvsvc.serverName(client);
        SrvsvcClient.Listing listing = list(EnumCall.Kind.SESSIONS, new String[] {clientArg, user});
        List<Session> sessions = new ArrayList<>();
        for (NdrStruct e : listing.entries()) {
            Session s = SrvsvcModels.session(e);
            if (SessionFilter.matches(s, client, user)) {
                sessions.add(s);
            }
        }
        return new SessionListing(sessions, "NetrSessionEnum level " + listing.level());
    }

    @Override
    public List<OpenFile> openFiles(String basePath, String user) {
        SrvsvcClient.Listing listing = list(EnumCall.Kind.FILES, new String[] {basePath, user});
        return listing.entries().stream().map(SrvsvcModels::openFile).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        SrvsvcClient.Listing listing = list(EnumCall.Kind.CONNECTIONS, new String[] {qualifier});
        return listing.entries().stream().map(e -> SrvsvcModels.connection(qualifier, e)).toList();
    }

    @Override
    public boolean connectionsAreReliable() {
        try {
            return !serverInfo().isSamba();
        } catch (SmbkitException e) {
            return true;
        }
    }

    @Override
    public List<Share> shares() {
        SrvsvcClient.Listing listing = list(EnumCall.Kind.SHARES, new String[0]);
        return listing.entries().stream().map(SrvsvcModels::share).toList();
    }

    @Override
    public Share share(String name) {
        return SrvsvcModels.share(srvsvc().shareInfo(name, EnumCall.SHARE_INFO_LEVELS));
    }

    @Override
    public void deleteSession(String client, String user) {
        srvsvc().deleteSession(client, user);
    }

    @Override
    public void closeFile(long id) {
        srvsvc().closeFile(id);
    }

    @Override
    public void addShare(Share share) {
        srvsvc().addShare(SrvsvcModels.shareInfo502(share));
    }

    @Override
    public void deleteShare(String name) {
        srvsvc().deleteShare(name);
    }

    @Override
    public Registry registry() {
        if (registry == null) {
            registry = new RemoteRegistry(connection);
        }
        return registry;
    }

    /**
     * The address this machine reaches the server from: the configured source address, else the one the
     * routing table picks (a connected UDP socket sends nothing).
     */
    @Override
    public String selfClient() {
        String configured = connection.localAddress();
        if (configured != null) {
            return configured;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(InetAddress.getByName(connection.target().host()), connection.target().port());
            return probe.getLocalAddress().getHostAddress();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
