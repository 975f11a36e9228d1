package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * Bad input that needs no server gets one clear line on stderr, its own exit code (README: Exit codes) and no
 * stack trace; BadInputLabTest has the failures that need the lab's Samba.
 */
class BadInputTest {

    /** A target nothing listens on: the checks below fail before anything connects, or at the connect. */
    static final String NOBODY = "127.0.0.1:1";
    static final Path ADMIN_AUTH = Lab.ADMIN_AUTH;

    @TempDir
    static Path tmp;

    static Scripts.Result listSessions(String... args) {
        return Scripts.run("ListSessions", args);
    }

    static void assertOneLine(Scripts.Result r, int exit, String contains) {
        Scripts.assertOneLine(r, "smb-sessions", exit, contains);
    }

    @Test
    void anUnknownHost() {
        assertOneLine(listSessions("no-such-host.invalid", "-A", ADMIN_AUTH.toString()), 10,
                "unknown host no-such-host.invalid");
    }

    @Test
    void aRefusedPort() {
        assertOneLine(listSessions("127.0.0.1:1", "-A", ADMIN_AUTH.toString()), 11,
                "refused the connection on port 1");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertOneLine(listSessions("127.0.0.1:" + silent.getLocalPort(), "-A", ADMIN_AUTH.toString(),
                    "--timeout", "2"), 12, "did not answer the SMB negotiate in time");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void noPasswordAndNoTerminalIsAUsageError() {
        assertOneLine(listSessions(NOBODY, "-U", "labadmin"), 2, "no password for labadmin and no terminal");
    }

    @Test
    void aMissingAuthenticationFile() {
        assertOneLine(listSessions(NOBODY, "-A", tmp.resolve("absent").toString()), 21, "does not exist");
    }

    @Test
    void aHostThatIsNotAHost() {
        assertOneLine(listSessions("file server", "-N"), 2, "'file server' is not a host");
    }

    @Test
    void anUnknownOptionPrintsTheSynopsis() {
        Scripts.Result r = listSessions(NOBODY, "--frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("smb-sessions: Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("See 'smb-sessions --help'."), r.err());
    }

    /** The password typed where the HOST goes reaches the host check (one HOST, so not "one HOST only"). */
    @Test
    void aPasswordInAMistypedArgumentIsNotEchoed() {
        Scripts.Result r = listSessions("labadmin%s3cret");
        assertOneLine(r, 2, "'labadmin%****' is not a host");
        assertFalse(r.err().contains("s3cret"), r.err());
        Scripts.Result scan = Scripts.run("SmbDiagnose", NOBODY, "labadmin%s3cret", "-N");
        assertEquals(2, scan.exit(), scan.err());
        assertFalse(scan.err().contains("s3cret"), scan.err());
    }
}
