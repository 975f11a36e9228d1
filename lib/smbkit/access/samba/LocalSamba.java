package smbkit.access.samba;

import java.util.List;
import java.util.Locale;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.access.SessionFilter;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionListing;
import smbkit.model.Share;

/**
 * The Samba server smbkit runs on, through Samba's own tools: no network session is needed, so it works when
 * smbd refuses new connections. Listings come from smbstatus, settings from testparm and the registry
 * configuration, changes from net conf and smbcontrol.
 */
public final class LocalSamba implements ServerAccess {

    /** What Samba reports over srvsvc as its type: workstation, server, print server, NT, Unix (Samba). */
    static final long SAMBA_TYPE = 0x809A03;

    private final SambaTools tools;
    private SambaRegistry registry;

    public LocalSamba(SambaTools tools) {
        this.tools = tools;
    }

    @Override
    public String where() {
        return "this machine (Samba)";
    }

    private SmbstatusParser.Status status() {
        return SmbstatusParser.parse(tools.ok("smbstatus", "--json"));
    }

    @Override
    public ServerInfo serverInfo() {
        String max = tools.parameter("max smbd processes");
        long n = max.matches("\\d+") ? Long.parseLong(max) : 0;
        return new ServerInfo(tools.parameter("netbios name"), 500, 6, 1, SAMBA_TYPE, tools.parameter("server string"),
                n > 2 ? n - 2 : null);
    }

    @Override
    public SessionListing sessions(String client, String user) {
        List<Session> all = status().sessionList(tools.parameter("guest account"));
        return new SessionListing(all.stream().filter(s -> SessionFilter.matches(s, client, user)).toList(), "smbstatus --json");
    }

    @Override
    public List<OpenFile> openFiles(String basePath, String user) {
        return status().files().stream()
                .filter(f -> basePath == null || f.path().toLowerCase(Locale.ROOT).startsWith(basePath.toLowerCase(Locale.ROOT)))
                .filter(f -> user == null || user.equalsIgnoreCase(f.user())).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        return status().connections(qualifier);
    }

    @Override
    public boolean connectionsAreReliable() {
        return true;
    }

    @Override
    public List<Share> shares() {
        return TestparmParser.shares(tools.ok("testparm", "--suppress-prompt"), status().usesByShare());
    }

    @Override
    public Share share(String name) {
        return shares().stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new SmbkitException(Failure.NOT_FOUND, where() + " has no share " + name, null));
    }

    /** A whole client: smbcontrol kill-client-ip; one user: each matching session's smbd process shut down. */
    @Override
    public void deleteSession(String client, String user) {
        String address = SessionFilter.normalize(client);
        if (user == null || user.isEmpty()) {
            if (sessions(address, null).sessions().isEmpty()) {
                throw new SmbkitException(Failure.NOT_FOUND, where() + " has no session from " + address, null);
            }
            tools.ok("smbcontrol", "smbd", "kill-client-ip", address);
            return;
        }
        SmbstatusParser.Status status = status();
        List<Long> pids = status.sessions().stream()
                .filter(s -> SessionFilter.sameClient(s.client(), address) && s.user() != null && s.user().equalsIgnoreCase(user))
                .map(SmbstatusParser.RawSession::pid).distinct().toList();
        if (pids.isEmpty()) {
            throw new SmbkitException(Failure.NOT_FOUND, where() + " has no session of " + user + " from " + address, null);
        }
        for (long pid : pids) {
            tools.ok("smbcontrol", Long.toString(pid), "shutdown");
        }
    }

    @Override
    public void closeFile(long id) {
        throw new SmbkitException(Failure.NOT_AVAILABLE, "Samba has no tool to close one open file",
                "Close the session that holds it instead (close-sessions --client CLIENT)");
    }

    @Override
    public void addShare(Share share) {
        String path = share.path() != null && share.path().startsWith("C:") ? share.path().substring(2).replace('\\', '/') : share.path();
        tools.ok("net", "conf", "addshare", share.name(), path, "writeable=n", "guest_ok=n",
                share.remark() == null ? "" : share.remark());
        if (share.isPrinter()) {
            tools.ok("net", "conf", "setparm", share.name(), "printable", "yes");
        }
    }

    @Override
    public void deleteShare(String name) {
        SambaTools.Output o = tools.run("net", "conf", "delshare", name);
        if (o.exit() != 0) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, "net conf delshare " + name + ": " + o.firstError(),
                    "A share defined in smb.conf can only be removed there: delete its section and run 'smbcontrol smbd reload-config'");
        }
    }

    @Override
    public Registry registry() {
        if (registry == null) {
            registry = new SambaRegistry(tools);
        }
        return registry;
    }

    @Override
    public String selfClient() {
        return null;
    }

    @Override
    public void close() {
        // nothing held open: every call runs a tool and waits for it
    }
}
