package smbkit.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionFilter;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.SrvsvcClient;
import smbkit.rpc.srvsvc.SrvsvcModels;
import smbkit.rpc.winreg.WinregClient;

/**
 * A server read over any RPC transport the way RemoteServer reads one over SMB (the same levels, clients
 * and model mappings), so that replies from a script reach every consumer. Read only.
 */
public final class DecodedServer implements ServerAccess, smbkit.access.SessionControl, smbkit.access.FileControl,
        smbkit.access.ShareControl {

    static final int[] SESSION_LEVELS = {502, 2, 10, 1, 0};
    static final int[] FILE_LEVELS = {3, 2};
    static final int[] CONNECTION_LEVELS = {1, 0};
    static final int[] SHARE_LEVELS = {502, 2, 1};

    private final SrvsvcClient srvsvc;
    private final WinregClient winreg;

    public DecodedServer(RpcTransport rpc) {
        this.srvsvc = new SrvsvcClient(rpc, "LABSRV", "LABSRV", false);
        this.winreg = new WinregClient(rpc, "LABSRV");
    }

    @Override
    public String where() {
        return "LABSRV";
    }

    @Override
    public ServerInfo serverInfo() {
        return SrvsvcModels.serverInfo(srvsvc.serverInfo(102, 101));
    }

    @Override
    public SessionListing sessions(String client, String user) {
        SrvsvcClient.Listing l = srvsvc.enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, SESSION_LEVELS, -1);
        List<Session> out = new ArrayList<>();
        for (NdrStruct e : l.entries()) {
            Session s = SrvsvcModels.session(e);
            if (SessionFilter.matches(s, client, user)) {
                out.add(s);
            }
        }
        return new SessionListing(out, "NetrSessionEnum level " + l.level());
    }

    @Override
    public List<OpenFile> openFiles(String basePath, String user) {
        return srvsvc.enumerate(EnumCall.Kind.FILES, new String[] {basePath, user}, FILE_LEVELS, -1).entries().stream()
                .map(SrvsvcModels::openFile).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        return srvsvc.enumerate(EnumCall.Kind.CONNECTIONS, new String[] {qualifier}, CONNECTION_LEVELS, -1).entries()
                .stream().map(e -> SrvsvcModels.connection(qualifier, e)).toList();
    }

    @Override
    public boolean connectionsAreReliable() {
        return true;
    }

    @Override
    public List<Share> shares() {
        return srvsvc.enumerate(EnumCall.Kind.SHARES, new String[0], SHARE_LEVELS, -1).entries().stream()
                .map(SrvsvcModels::share).toList();
    }

    @Override
    public Share share(String name) {
        return SrvsvcModels.share(srvsvc.shareInfo(name, SHARE_LEVELS));
    }

    @Override
    public void deleteSession(String client, String user) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public void closeFile(long id) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public void addShare(Share share) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public void deleteShare(String name) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public Registry registry() {
        return new Registry() {
            @Override
            public boolean keyExists(String key) {
                return winreg.keyExists(key);
            }

            @Override
            public Optional<RegistryValue> get(String key, String name) {
                return winreg.get(key, name);
            }

            @Override
            public Map<String, RegistryValue> values(String key) {
                return winreg.values(key);
            }

            @Override
            public List<String> subkeys(String key) {
                return winreg.subkeys(key);
            }

            @Override
            public void set(String key, String name, RegistryValue value) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void delete(String key, String name) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void createKey(String key) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void deleteKey(String key) {
                throw new UnsupportedOperationException("read only");
            }
        };
    }

    @Override
    public String selfClient() {
        return null;
    }

    @Override
    public void close() {
        winreg.close();
    }
}
