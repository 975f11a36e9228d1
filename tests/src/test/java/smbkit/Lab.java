package smbkit;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import smbkit.lab.SessionHolder;

/**
 * The real Samba the end-to-end tests run against: tests/lab/lab starts it (installing Debian's package
 * when needed) on 127.0.0.1:445; the tests hold their own sessions from their own 127.0.0.x addresses.
 * {@code -Dsmbkit.lab=skip} skips these tests where no root and apt are available.
 */
public final class Lab {

    private Lab() {}

    public static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    public static final String HOST = "127.0.0.1";
    public static final Path ADMIN_AUTH = REPO.resolve("tests/lab/admin.auth");
    public static final Path USER_AUTH = REPO.resolve("tests/lab/user.auth");
    private static final Path LAB = REPO.resolve("tests/lab/lab");

    private static boolean up;

    /** Starts the lab once per test run; skips the calling test when lab tests are switched off. */
    public static synchronized void up() {
        assumeFalse("skip".equals(System.getProperty("smbkit.lab")), "lab tests switched off (-Dsmbkit.lab=skip)");
        if (!up) {
            Proc.run(REPO, LAB.toString(), "up").ok();
            up = true;
        }
    }

    /** The KB scenario server (127.0.0.1:4450, 8 session slots, NULL sessions held), once its NULL sessions are permanent. */
    public static final String KB = "127.0.0.1:4450";

    private static boolean kbUp;

    public static synchronized void kbScenario() {
        up();
        if (!kbUp) {
            Proc.run(REPO, LAB.toString(), "aged").ok();
            kbUp = true;
        }
    }

    public static String conf() {
        return Proc.run(REPO, LAB.toString(), "conf").ok().out().strip();
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
