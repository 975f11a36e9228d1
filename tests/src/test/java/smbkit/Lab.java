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
                "SMBKIT_LAB_KB_PORT", Integer.toString(KB_PORT));
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
}
