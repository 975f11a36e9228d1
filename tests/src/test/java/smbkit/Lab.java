package smbkit;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import smbkit.lab.SessionHolder;

/**
 * The real Samba the end-to-end tests run against, started by tests/lab/lab (which installs Debian's package
 * when needed). Every test run has a lab of its own: its folders under tests/target (wiped when the run starts
 * one, so no state of an earlier run leaks in) and ports of its own, chosen free, so runs from several
 * checkouts do not meet; the lab is stopped when the run ends. The tests hold their own sessions from their
 * own 127.0.0.x addresses. {@code -Dsmbkit.lab=skip} leaves out every test tagged {@code lab}.
 * {@code -Dsmbkit.lab.dir}, {@code -Dsmbkit.lab.port}, {@code -Dsmbkit.lab.kbport} and
 * {@code -Dsmbkit.lab.keep=true} (leave it running, and reuse a running one) are for working on the lab.
 */
public final class Lab {

    private Lab() {}

    public static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    public static final Path ADMIN_AUTH = REPO.resolve("tests/lab/admin.auth");
    public static final Path USER_AUTH = REPO.resolve("tests/lab/user.auth");
    private static final Path LAB = REPO.resolve("tests/lab/lab");

    /** This run's lab folder (the KB server's is this with -kb). */
    public static final Path DIR = Path.of(System.getProperty("smbkit.lab.dir",
            REPO.resolve("tests/target/lab").toString())).toAbsolutePath();
    private static final boolean KEEP = Boolean.getBoolean("smbkit.lab.keep");

    /** The test server's port: it answers on every 127.x.x.x address. */
    public static final int PORT = Integer.getInteger("smbkit.lab.port", freePort());
    /** The KB server's port, on 127.0.0.1. */
    public static final int KB_PORT = Integer.getInteger("smbkit.lab.kbport", freePort());

    /**
     * The SMB1-only server's address (NT LM 0.12, as NT 4.0/2000/XP): one of its own per run, 127.0.1.x, so that
     * its NetBIOS port 139 is this run's; its direct-TCP port is {@link #SMB1_PORT}.
     */
    public static final String SMB1_ADDRESS = System.getProperty("smbkit.lab.smb1address", smb1Address());
    /** The SMB1-only server's direct-TCP port (the role 445 has on a real machine). */
    public static final int SMB1_PORT = Integer.getInteger("smbkit.lab.smb1port", freePort());
    /** Whether port 139 on {@link #SMB1_ADDRESS} was free for this run's SMB1 server (tests of 139 skip otherwise). */
    public static final boolean SMB1_NETBIOS = canBind(SMB1_ADDRESS, 139);

    /**
     * The NetBIOS workgroup's network: its members are {@code WG_NET.1} (the master browser and WINS server) to
     * {@code .4}, each nmbd and an SMB1 smbd on NetBIOS's 139; one of its own per run, whose 137 and 139 are free.
     */
    public static final String WG_NET = System.getProperty("smbkit.lab.wgnet", wgNet());
    /** The workgroup's name: one per run (broadcasts on loopback would reach another run's nmbd). */
    public static final String WORKGROUP = System.getProperty("smbkit.lab.workgroup",
            "LABWG" + ThreadLocalRandom.current().nextInt(100, 1000));
    /** The workgroup's members: 1 is the master browser; 2 and 4 share printers. */
    public static final int WG_MEMBERS = 4;

    /** Member {@code n}'s address. */
    public static String wgAddress(int n) {
        return WG_NET + "." + n;
    }

    /** Member {@code n}'s NetBIOS name, as tests/lab/lab names it. */
    public static String wgName(int n) {
        return (WORKGROUP.length() > 10 ? WORKGROUP.substring(0, 10) : WORKGROUP) + "-PC" + n;
    }

    /** The SMB1-only server, reached on its direct-TCP port. */
    public static final String SMB1 = SMB1_ADDRESS + ":" + SMB1_PORT;
    /** The same server through the NetBIOS session service. */
    public static final String SMB1_NETBIOS_HOST = SMB1_ADDRESS + ":139";

    /** The test server as a target on 127.0.0.1. */
    public static final String HOST = at("127.0.0.1");

    /** The KB scenario server (8 session slots, NULL sessions held), once its NULL sessions are permanent. */
    public static final String KB = "127.0.0.1:" + KB_PORT;

    /** The test server reached on another loopback address (each is a distinct server for a scan). */
    public static String at(String address) {
        return PORT == 445 ? address : address + ":" + PORT;
    }

    /** What tests/lab/lab needs to work on this run's lab rather than the default one. */
    public static Map<String, String> env() {
        return Map.of("SMBKIT_LAB_DIR", DIR.toString(), "SMBKIT_LAB_PORT", Integer.toString(PORT),
                "SMBKIT_LAB_KB_PORT", Integer.toString(KB_PORT), "SMBKIT_LAB_SMB1_PORT", Integer.toString(SMB1_PORT),
                "SMBKIT_LAB_SMB1_ADDRESS", SMB1_ADDRESS, "SMBKIT_LAB_SMB1_NETBIOS", SMB1_NETBIOS ? "yes" : "no",
                "SMBKIT_LAB_WORKGROUP", WORKGROUP, "SMBKIT_LAB_WG_NET", WG_NET);
    }

    /** A 127.0.1.x address whose port 139 nothing holds (the lab's default SMB1 address is 127.0.0.139). */
    static String smb1Address() {
        for (int attempt = 0; attempt < 50; attempt++) {
            String a = "127.0.1." + ThreadLocalRandom.current().nextInt(2, 250);
            if (canBind(a, 139)) {
                return a;
            }
        }
        return "127.0.1.139";
    }

    /** A 127.0.x network whose .1 to .4 have UDP 137 and TCP 139 free (the lab's default is 127.0.2). */
    static String wgNet() {
        for (int attempt = 0; attempt < 50; attempt++) {
            String net = "127.0." + ThreadLocalRandom.current().nextInt(3, 250);
            boolean free = true;
            for (int n = 1; n <= WG_MEMBERS && free; n++) {
                free = canBind(net + "." + n, 139) && canBindUdp(net + "." + n, 137);
            }
            if (free) {
                return net;
            }
        }
        return "127.0.2";
    }

    static boolean canBindUdp(String address, int port) {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(null)) {
            s.setReuseAddress(true); // as nmbd binds: another lab's nmbd on 0.0.0.0:137 must not make every address look taken
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    static boolean canBind(String address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    /** Runs tests/lab/lab on this run's lab. */
    public static Proc lab(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(LAB.toString()));
        command.addAll(List.of(args));
        return Proc.run(REPO, env(), 900, command);
    }

    private static boolean up;

    /** Starts this run's lab once; skips the calling test when lab tests are switched off. */
    public static synchronized void up() {
        assumeFalse(off(), "lab tests switched off (-Dsmbkit.lab=skip)");
        if (!up) {
            if (!KEEP) {
                lab("wipe").ok(); // whatever an earlier run left in this folder
                Runtime.getRuntime().addShutdownHook(new Thread(() -> lab("down")));
            }
            lab("up").ok();
            up = true;
        }
    }

    public static boolean off() {
        return "skip".equals(System.getProperty("smbkit.lab"));
    }

    private static boolean kbUp;

    public static synchronized void kbScenario() {
        up();
        if (!kbUp) {
            lab("aged").ok();
            kbUp = true;
        }
    }

    public static String conf() {
        return lab("conf").ok().out().strip();
    }

    private static boolean smb1Up;

    /**
     * The SMB1-only server with the KB's sessions held over SMB1 (NULL sessions on \PIPE\spoolss from 127.0.0.3
     * (2), .4 and .5 (2), labadmin from .2 with 2 files open), once its NULL sessions are older than 90 s.
     */
    public static synchronized void smb1Scenario() {
        up();
        if (!smb1Up) {
            lab("smb1-aged").ok();
            smb1Up = true;
        }
    }

    private static boolean workgroupUp;

    /**
     * The NetBIOS workgroup {@link #WORKGROUP}: its master browser on {@code wgAddress(1)} and three members
     * announcing themselves to it, once the master's browse list has them all.
     */
    public static synchronized void workgroup() {
        up();
        if (!workgroupUp) {
            lab("workgroup").ok();
            workgroupUp = true;
        }
    }

    /** Member {@code n}'s smb.conf (its nmbd's and smbd's). */
    public static String wgConf(int n) {
        return lab("conf", "wg-" + n).ok().out().strip();
    }

    public static String smb1Conf() {
        return lab("conf", "smb1").ok().out().strip();
    }

    /** A port nothing listens on, on any address, outside the range the kernel hands out to clients. */
    static int freePort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 32000);
            try (ServerSocket any = new ServerSocket()) {
                any.bind(new InetSocketAddress(port)); // the wildcard address: IPv4 and IPv6 alike
                return port;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IllegalStateException("no free port for the lab");
    }

    public static String password(Path authFile) {
        try {
            return Files.readAllLines(authFile).stream().filter(l -> l.startsWith("password = "))
                    .map(l -> l.substring("password = ".length())).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A NULL session from {@code address} holding \PIPE\spoolss, as the KB's print spooler does. */
    public static SessionHolder nullSession(String address) throws Exception {
        return SessionHolder.nullSession(HOST, address, "spoolss");
    }

    /** labadmin from {@code address}, holding {@code files} files open on [files]. */
    public static SessionHolder userSession(String address, int files) throws Exception {
        return SessionHolder.userSession(HOST, address, "labadmin", password(ADMIN_AUTH), "files", files);
    }

    /** labuser (not an administrator) from {@code address}, holding {@code files} files open on [files]. */
    public static SessionHolder plainUserSession(String address, int files) throws Exception {
        return SessionHolder.userSession(HOST, address, "labuser", password(USER_AUTH), "files", files);
    }

    /** Sets a global parameter in the registry configuration the lab includes, effective for new connections. */
    public static void setGlobal(String parameter, String value) {
        Proc.run(REPO, "net", "-s", conf(), "conf", "setparm", "global", parameter, value).ok();
        reload();
    }

    /**
     * Sets a global parameter for the length of a try block and then puts back what was there (the value, or
     * no such parameter), so that no test leaves server-wide state to the next.
     */
    public static AutoCloseable global(String parameter, String value) {
        Proc before = Proc.run(REPO, "net", "-s", conf(), "conf", "getparm", "global", parameter);
        setGlobal(parameter, value);
        return () -> {
            if (before.exit() == 0) {
                setGlobal(parameter, before.out().strip());
            } else {
                removeGlobal(parameter);
            }
        };
    }

    public static void removeGlobal(String parameter) {
        Proc.run(REPO, "net", "-s", conf(), "conf", "delparm", "global", parameter);
        reload();
    }

    public static void reload() {
        Proc.run(REPO, "smbcontrol", "-s", conf(), "smbd", "reload-config").ok();
    }

    /** Cross-check: the server's own view of its sessions. */
    public static String smbstatusJson() {
        return Proc.run(REPO, "smbstatus", "-s", conf(), "--json").ok().out();
    }

    /** {@code smbclient -L HOST -p 139 -N} against the workgroup lab: the shares of type Printer. */
    public static java.util.Set<String> smbclientPrinters(String address) {
        Proc p = Proc.run(REPO, "smbclient", "-s", wgConf(1), "-L", address, "-p", "139", "-N",
                "--option=client min protocol=NT1");
        java.util.Set<String> printers = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s+(\\S+)\\s+Printer\\b", java.util.regex.Pattern.MULTILINE).matcher(p.out());
        while (m.find()) {
            printers.add(m.group(1));
        }
        return printers;
    }
}
