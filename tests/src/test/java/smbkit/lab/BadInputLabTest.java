package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;
import smbkit.rpc.FakeSmbServer;

/**
 * Bad input gets one clear line on stderr, its own exit code (README: Exit codes) and no stack trace: the
 * failures the KB names first, a server at its limit, then the usual ones.
 */
@Tag("lab")
class BadInputLabTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void lab() {
        Lab.up();
    }

    static Scripts.Result listSessions(String... args) {
        return Scripts.run("ListSessions", args);
    }

    static void assertOneLine(Scripts.Result r, int exit, String contains) {
        Scripts.assertOneLine(r, "smb-sessions", exit, contains);
    }

    @Test
    void aServerAtItsLimitIsReportedInTheKbsWords() throws Exception {
        try {
            // Samba counts its children (two helpers and one per connection): cap them at what runs now, and again
            // if a process that was ending frees its slot in between.
            Scripts.Result r = null;
            for (int attempt = 0; attempt < 5 && (r == null || r.exit() != 13); attempt++) {
                Lab.setGlobal("max smbd processes", Long.toString(LocalSambaLabTest.smbdChildren()));
                r = listSessions(Lab.HOST, "-A", Lab.ADMIN_AUTH.toString());
            }
            assertOneLine(r, 13, "System error 71: no more connections can be made to this remote computer");
            assertTrue(r.err().contains("run it on the server itself"), r.err());
            assertTrue(r.err().contains("wait 30 to 90 s"), r.err());
        } finally {
            Lab.removeGlobal("max smbd processes");
        }
    }

    @Test
    void aWrongPasswordSaysSo() throws IOException {
        Path auth = Files.writeString(tmp.resolve("wrong.auth"), "username = labadmin\npassword = not-it\n");
        assertOneLine(listSessions(Lab.HOST, "-A", auth.toString()), 14, "logon failed for labadmin");
    }

    @Test
    void aUserWhoIsNotAnAdministratorIsToldWhatAccountToUse() {
        Scripts.Result r = listSessions(Lab.HOST, "-A", Lab.USER_AUTH.toString());
        // Refused at every level, as hardened Windows refuses a non-administrator (exit 23).
        assertOneLine(r, 23, "refused at every level");
        assertTrue(r.err().contains("Administrators group"), r.err());
    }

    @Test
    void aNullSessionMayNotListSessions() {
        assertOneLine(listSessions(Lab.HOST, "-N"), 15, "a NULL session may not do this");
    }

    @Test
    void aServerThatRefusesNullSessionsSaysSo() {
        Lab.setGlobal("restrict anonymous", "2");
        try {
            assertOneLine(listSessions(Lab.HOST, "-N"), 16, "refuses NULL sessions");
        } finally {
            Lab.removeGlobal("restrict anonymous");
        }
    }

    /** The connection cut in the middle of a named-pipe call (the RPC bind, then the first call): a network error. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aPipeClosedMidCallIsANetworkError(int cutAt) throws Exception {
        try (FakeSmbServer relay = new FakeSmbServer(FakeSmbServer.relayCuttingPipeCall(
                new java.net.InetSocketAddress("127.0.0.1", Lab.PORT), cutAt))) {
            assertOneLine(listSessions(relay.address(), "-A", Lab.ADMIN_AUTH.toString(), "--timeout", "5"), 22,
                    "the connection broke while NetrSessionEnum");
        }
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path auth = Files.writeString(tmp.resolve("wrong2.auth"), "username = labadmin\npassword = not-it\n");
        Scripts.Result r = listSessions(Lab.HOST, "-A", auth.toString(), "--debug");
        assertEquals(14, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("not-it"), "the password never shows, even in a trace");
    }

    /** SMBKIT_USER in smbclient's USER%PASSWORD form logs on as USER with PASSWORD, as -U does. */
    @Test
    void aPasswordInSmbkitUserIsSplitOff() {
        String password = Lab.password(Lab.ADMIN_AUTH);
        Proc p = Scripts.spawn(java.util.Map.of("SMBKIT_USER", "labadmin%" + password), "ListSessions", Lab.HOST,
                "--format", "json", "-v");
        assertEquals(0, p.exit(), p.err());
        assertFalse(p.out().contains(password) || p.err().contains(password), p.out() + p.err());
        assertTrue(p.out().contains("\"user\" : \"labadmin\""), p.out());
    }

    /**
     * Neither output nor any process's command line shows the password, looked at while the script runs (three
     * samples a second apart), not after it has exited.
     */
    @Test
    void credentialsNeverReachOutputOrTheProcessList() throws Exception {
        String password = Lab.password(Lab.ADMIN_AUTH);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "FindNullSessions", Lab.HOST, "--samples", "3",
                "--interval", "1", "--format", "json", "-v"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Lab.REPO.toFile())
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile());
        pb.environment().putAll(java.util.Map.of("SMBKIT_PASSWORD", password, "SMBKIT_USER", "labadmin"));
        Process p = pb.start();
        int looks = 0;
        try {
            while (p.isAlive()) {
                boolean seen = false;
                for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
                    String line = commandLine(h);
                    assertFalse(line.contains(password), "process list: " + line);
                    seen |= h.pid() == p.pid() && line.contains("FindNullSessions");
                }
                looks += seen ? 1 : 0;
                Thread.sleep(100);
            }
        } finally {
            p.destroyForcibly();
        }
        String out = Files.readString(tmp.resolve("out"));
        String err = Files.readString(tmp.resolve("err"));
        assertEquals(0, p.waitFor(), err);
        assertTrue(looks >= 3, "the process list was read while the script ran: " + looks + " times");
        assertFalse(out.contains(password));
        assertFalse(err.contains(password));
    }

    /** The whole command line (/proc/PID/cmdline: ProcessHandle's may be cut short), empty once it is gone. */
    static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return h.info().commandLine().orElse("");
        }
    }
}
