package smbkit.access.samba;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ConnectionTable;
import smbkit.access.FileControl;
import smbkit.access.SessionControl;
import smbkit.access.ShareControl;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.model.Connection;
import smbkit.model.Limits;
import smbkit.model.OpenFile;
import smbkit.model.RegistryKeys;
import smbkit.model.ServerInfo;
import smbkit.model.SessionEndpoint;
import smbkit.model.SessionFilter;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.model.TcpConnection;

/**
 * The Samba server smbkit runs on, through Samba's own tools: no network session is needed, so it works when
 * smbd refuses new connections. Listings come from smbstatus, settings and shares from testparm (registry
 * configuration included), changes from net conf, net registry and smbcontrol.
 */
public final class LocalSamba implements ServerAccess, ConnectionTable, SessionControl, ShareControl {

    /** What Samba reports over srvsvc as its type: workstation, server, print server, NT, Unix (Samba). */
    static final long SAMBA_TYPE = 0x809A03;

    private final SambaTools tools;
    private Map<String, String> globals;
    private ServerInfo serverInfo;
    private SambaRegistry registry;

    public LocalSamba(SambaTools tools) {
        this.tools = tools;
    }

    @Override
    public String where() {
        return "this machine (Samba)";
    }

    /** -B adds byte-range locks, which srvsvc counts per open file. */
    private SmbstatusParser.Status status() {
        return SmbstatusParser.parse(tools.ok("smbstatus", "-B", "--json"));
    }

    private String testparm() {
        return tools.ok("testparm");
    }

    /**
     * As Samba answers NetrServerGetInfo (platform 500, version 6.1, its type flags), with the session limit
     * RemoteServer reads over winreg: 'max smbd processes' less the helpers, from smb.conf too.
     */
    @Override
    public ServerInfo serverInfo() {
        if (serverInfo == null) {
            long max = number(global("max smbd processes"));
            serverInfo = new ServerInfo(global("netbios name"), 500, 6, 1, SAMBA_TYPE, global("server string"),
                    Limits.sambaSessions(max));
        }
        return serverInfo;
    }

    /** A NULL session runs as this account, and smbstatus names it so. */
    private String guestAccount() {
        return global("guest account");
    }

    /** A [global] parameter, from one read of them all. */
    private String global(String name) {
        if (globals == null) {
            globals = tools.globals();
        }
        return globals.getOrDefault(name, "");
    }

    @Override
    public SessionListing sessions(String client, String user) {
        return new SessionListing(status().sessionList(guestAccount()).stream()
                .filter(s -> SessionFilter.matches(s, client, user)).toList(), "smbstatus --json");
    }

    @Override
    public List<SessionEndpoint> sessionEndpoints() {
        return status().endpoints(guestAccount());
    }

    /**
     * The kernel's TCP table ({@code ss -t -a -n -i -p}) on the ports smbd listens on ('smb ports'), kept to
     * this server's own smbd processes when its pid file says which is the parent (another Samba on the same
     * port and another address stays out); the age is that of the smbd process serving the connection.
     */
    @Override
    public List<TcpConnection> tcpConnections() {
        Set<Integer> ports = new LinkedHashSet<>();
        for (String p : global("smb ports").split("[\\s,]+")) {
            int port = (int) number(p);
            if (port > 0 && port <= 65535) {
                ports.add(port);
            }
        }
        if (ports.isEmpty()) {
            ports.addAll(List.of(445, 139));
        }
        SambaTools.Output o = tools.runPlain("ss", "-H", "-t", "-a", "-n", "-i", "-p");
        if (o.exit() != 0) {
            throw new SmbkitException(Failure.LOCAL_UNAVAILABLE, "ss -t -a -n -i -p: " + o.firstError(),
                    "Run 'ss -tinp' on this machine to see more (iproute2)");
        }
        Long master = masterPid();
        Instant now = Instant.now();
        return SsParser.parse(o.out(), ports).stream()
                .filter(c -> master == null || c.pid() == null || c.pid().equals(master) || parentOf(c.pid()).filter(master::equals).isPresent())
                .map(c -> new TcpConnection(c.localAddress(), c.localPort(), c.remoteAddress(), c.remotePort(), c.state(), c.bytesIn(),
                        c.bytesOut(), ageOf(c.pid(), now), c.idleSeconds(), c.pid()))
                .toList();
    }

    /** smbd's own pid, from smbd.pid in its 'pid directory'; null when it is not there. */
    private Long masterPid() {
        String dir = global("pid directory");
        if (dir.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(Files.readString(Path.of(dir, "smbd.pid")).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<Long> parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
    }

    /** Samba forks one smbd per connection: the process's age is the connection's. */
    private static Long ageOf(Long pid, Instant now) {
        if (pid == null) {
            return null;
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                .map(start -> Math.max(0, Duration.between(start, now).toSeconds())).orElse(null);
    }

    /** Samba's srvsvc filters on the user only; the path prefix is honoured here as Windows does. */
    @Override
    public List<OpenFile> openFiles(String basePath, String user) {
        return status().files().stream()
                .filter(f -> basePath == null || f.path().toLowerCase(Locale.ROOT).startsWith(basePath.toLowerCase(Locale.ROOT)))
                .filter(f -> user == null || user.equalsIgnoreCase(f.user())).toList();
    }

    @Override
    public List<Connection> connections(String qualifier) {
        SmbstatusParser.Status status = status();
        Map<String, Share> byKey = TestparmParser.allShares(testparm(), "", status.usesByShare()).stream()
                .collect(Collectors.toMap(Share::key, Function.identity(), (a, b) -> a));
        return status.connections(qualifier, byKey);
    }

    /** smbstatus lists the real tree connects, unlike Samba's srvsvc. */
    @Override
    public boolean connectionsAreReliable() {
        return true;
    }

    @Override
    public List<Share> shares() {
        return TestparmParser.shares(testparm(), serverInfo().comment(), status().usesByShare());
    }

    @Override
    public Share share(String name) {
        return TestparmParser.share(testparm(), name, serverInfo().comment(), status().usesByShare())
                .orElseThrow(() -> new SmbkitException(Failure.NOT_FOUND, where() + " has no share " + name,
                        "List them with 'testparm -s " + tools.conf() + "'"));
    }

    /**
     * A whole client: smbcontrol kill-client-ip for each address its sessions come from. One user's: each
     * smbd process serving them shut down, which is what Samba's own NetrSessionDel does (so a process that
     * also serves another session of that client ends that one too).
     */
    @Override
    public void deleteSession(String client, String user) {
        SmbstatusParser.Status status = status();
        if (user == null || user.isEmpty()) {
            List<String> addresses = status.addressesOf(client);
            if (addresses.isEmpty()) {
                throw new SmbkitException(Failure.NOT_FOUND, where() + " has no session from " + SessionFilter.normalize(client),
                        "List them with smb-sessions --local");
            }
            addresses.forEach(a -> tools.ok("smbcontrol", "smbd", "kill-client-ip", a));
            return;
        }
        List<Long> pids = status.pidsOf(client, user);
        if (pids.isEmpty()) {
            throw new SmbkitException(Failure.NOT_FOUND, where() + " has no session of " + user + " from "
                    + SessionFilter.normalize(client), "List them with smb-sessions --local");
        }
        for (long pid : pids) {
            SambaTools.Output o = tools.run("smbcontrol", Long.toString(pid), "shutdown");
            if (o.exit() != 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw tools.failed("smbcontrol", List.of(Long.toString(pid), "shutdown"), o);
            }
        }
    }

    /** Not a {@link FileControl}: Samba has no tool to close one file; the session that holds it can be closed. */
    @Override
    public SmbkitException lacks(Class<?> kind) {
        if (kind == FileControl.class) {
            return new SmbkitException(Failure.NOT_AVAILABLE, "Samba has no tool to close one open file",
                    "Close the session that holds it instead (smb-close-sessions --local --client CLIENT)");
        }
        return ServerAccess.super.lacks(kind);
    }

    /** As a registry share (net conf), so that it can be removed again the same way. */
    @Override
    public void addShare(Share share) {
        String path = share.path() != null && share.path().startsWith("C:") ? share.path().substring(2).replace('\\', '/') : share.path();
        if (path == null || !Files.isDirectory(Path.of(path))) {
            throw new SmbkitException(Failure.NOT_FOUND, "cannot share " + path + ": no such directory on " + where(),
                    "Create it first; Samba's NetrShareAdd refuses a missing path too");
        }
        if (TestparmParser.share(testparm(), share.name(), "", Map.of()).isPresent()) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, where() + " already has a share " + share.name(),
                    "Remove it first, or choose another name");
        }
        tools.ok("net", "conf", "--", "addshare", share.name(), path, "writeable=n", "guest_ok=n",
                share.remark() == null ? "" : share.remark());
        if (share.isPrinter()) {
            tools.ok("net", "conf", "--", "setparm", share.name(), "printable", "yes");
        }
        if (share.maxUses() != null && share.maxUses() > 0 && share.maxUses() < Limits.UNLIMITED) {
            tools.ok("net", "conf", "--", "setparm", share.name(), "max connections", Long.toString(share.maxUses()));
        }
        reload();
    }

    /** Only a registry share can be removed with Samba's tools; one in smb.conf is said to be so. */
    @Override
    public void deleteShare(String name) {
        Share share = share(name);
        if (!registry().keyExists(RegistryKeys.SAMBA_CONF + "\\" + share.name())) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, share.name() + " is defined in " + tools.conf()
                    + ", not in Samba's registry configuration, so net conf cannot remove it",
                    "Delete its section from " + tools.conf() + " and run 'smbcontrol smbd reload-config'");
        }
        tools.ok("net", "conf", "--", "delshare", share.name());
        reload();
    }

    /** smbd applies a changed registry configuration once told to; a stopped smbd reads it when it starts. */
    private void reload() {
        tools.run("smbcontrol", "smbd", "reload-config");
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

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
