package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * The KB's middle steps and last resort on the real Samba: a user with files open from one address, NULL
 * sessions (holding \PIPE\spoolss) from two others. map-open-pipes puts the files under the right client,
 * find-null-sessions finds the two NULL clients, and close-sessions closes them and nothing else.
 */
@Tag("lab")
class NullSessionsLabTest {

    static final String TOOL = "127.0.0.40";
    static final String ALICE = "127.0.0.41";
    static final String SPOOLER_A = "127.0.0.42";
    static final String SPOOLER_B = "127.0.0.43";

    @TempDir
    Path tmp;

    SessionHolder alice;
    final List<SessionHolder> spoolers = new ArrayList<>();

    @BeforeEach
    void holdTheKbSessions() throws Exception {
        Lab.up();
        alice = Lab.plainUserSession(ALICE, 2);
        spoolers.add(Lab.nullSession(SPOOLER_A));
        spoolers.add(Lab.nullSession(SPOOLER_A));
        spoolers.add(Lab.nullSession(SPOOLER_B));
    }

    @AfterEach
    void release() throws Exception {
        // null when the lab was switched off and @BeforeEach stopped at its assumption
        if (alice != null) {
            alice.close();
        }
        for (SessionHolder h : spoolers) {
            h.close();
        }
    }

    static Scripts.Result run(String script, String... more) {
        List<String> args = new ArrayList<>(List.of(Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--source-address", TOOL));
        args.addAll(List.of(more));
        return Scripts.run(script, args.toArray(String[]::new));
    }

    static List<Map<String, Object>> sessionsOf(String client) {
        return run("ListSessions", "--format", "json", "--client", client).ok().rows();
    }

    @Test
    void mapOpenPipesPutsTheFilesUnderTheRightClient() {
        Scripts.Result listing = run("MapOpenPipes", "--format", "json").ok();
        List<Map<String, Object>> clients = listing.rows();
        Map<String, Object> row = clients.stream().filter(r -> ALICE.equals(r.get("client"))).findFirst().orElseThrow();

        assertEquals("labuser", row.get("users"));
        String files = (String) row.get("files");
        assertTrue(files != null && files.contains("held-by-" + ALICE + "-1.txt") && files.contains("held-by-" + ALICE + "-2.txt"), listing.out());
        Map<String, Object> spooler = clients.stream().filter(r -> SPOOLER_A.equals(r.get("client"))).findFirst().orElseThrow();
        assertEquals(2L, ((Number) spooler.get("null_sessions")).longValue());
    }

    @Test
    void mapOpenPipesSaysSambaConnectionsArePlaceholders() {
        String table = run("MapOpenPipes").ok().out();
        assertTrue(table.contains("placeholder data (Samba): not shown"), table);
        assertTrue(table.contains("PRINTER"), table);
        assertFalse(table.contains("dummy_user"), "placeholder details are not shown as fact");
    }

    @Test
    void findNullSessionsFindsExactlyTheTwoNullClients() {
        Scripts.Result r = run("FindNullSessions", "--format", "json");
        List<String> ours = r.rows().stream().map(x -> (String) x.get("client"))
                .filter(c -> c.startsWith("127.0.0.4")).sorted().toList();
        assertEquals(List.of(SPOOLER_A, SPOOLER_B), ours);
        Map<String, Object> a = r.rows().stream().filter(x -> SPOOLER_A.equals(x.get("client"))).findFirst().orElseThrow();
        assertEquals(2L, ((Number) a.get("sessions")).longValue(), "two NULL sessions from one client are two slots");
        assertEquals("nobody", a.get("users"));
    }

    @Test
    void findNullSessionsGivesTheVerdictInTheKbsTerms() {
        String table = run("FindNullSessions").out();
        assertTrue(table.contains("NULL sessions hold"), table);
        assertTrue(table.contains("younger than 90 s"), table);
    }

    @Test
    void aServerThatDiesBetweenSamplesKeepsAndReportsTheSamplesTaken() throws Exception {
        try (DyingProxy server = new DyingProxy("127.0.0.1", Lab.PORT)) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.util.concurrent.CountDownLatch firstSample = new java.util.concurrent.CountDownLatch(1);
            java.io.Writer err = new java.io.StringWriter() {
                @Override
                public void write(String str, int off, int len) {
                    super.write(str, off, len);
                    if (toString().contains("sessions ")) {
                        firstSample.countDown();
                    }
                }
            };
            picocli.CommandLine cl = smbkit.cli.Cli.commandLine(Scripts.command("FindNullSessions"));
            cl.setOut(new java.io.PrintWriter(out, true));
            cl.setErr(new java.io.PrintWriter(err, true));
            java.util.concurrent.Future<Integer> run = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> cl.execute(
                    server.target(), "-A", Lab.ADMIN_AUTH.toString(), "--samples", "3", "--interval", "2", "-v",
                    "--timeout", "5", "--format", "json"));
            assertTrue(firstSample.await(60, java.util.concurrent.TimeUnit.SECONDS), "a first sample: " + err);
            server.kill();
            int exit = run.get(120, java.util.concurrent.TimeUnit.SECONDS);

            assertEquals(22, exit, out + "\n" + err);
            List<Map<String, Object>> rows = new Scripts.Result(exit, out.toString(), err.toString()).rows();
            assertTrue(rows.stream().anyMatch(r -> SPOOLER_A.equals(r.get("client"))), "the sample taken is reported: " + out);
            assertTrue(err.toString().contains("after 1 of 3 sample(s)"), err.toString());
            assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        }
    }

    /** --samples waits show a bar on stderr (forced here, as on a terminal) that reaches the samples asked; stdout stays JSON. */
    @Test
    void samplingShowsItsProgress() {
        System.setProperty("smbkit.progress", "always");
        try {
            Scripts.Result r = run("FindNullSessions", "--samples", "3", "--interval", "1", "--format", "json");
            assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
            assertTrue(r.err().contains("3/3"), r.err());
            assertTrue(r.rows().stream().anyMatch(row -> SPOOLER_A.equals(row.get("client"))), r.out());
        } finally {
            System.clearProperty("smbkit.progress");
        }
    }

    @Test
    void aDryRunClosesNothing() {
        Scripts.Result r = run("CloseSessions", "--null-only");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Dry run: nothing was closed"), r.out());
        assertEquals(2, sessionsOf(SPOOLER_A).size());
        assertEquals(1, sessionsOf(SPOOLER_B).size());
    }

    @Test
    void closingASessionThatHoldsFilesIsRefusedAndChangesNothing() throws Exception {
        Scripts.Result r = run("CloseSessions", "--client", ALICE, "--apply");
        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("refused: holds open files"), r.out());
        assertEquals(1, sessionsOf(ALICE).size());
        alice.touch();
    }

    @Test
    void nullOnlyApplyClosesTheNullSessionsAndNothingElse() throws Exception {
        Path record = tmp.resolve("closed.json");
        Scripts.Result r = run("CloseSessions", "--null-only", "--apply", "--record", record.toString());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(List.of(), sessionsOf(SPOOLER_A));
        assertEquals(List.of(), sessionsOf(SPOOLER_B));
        assertEquals(1, sessionsOf(ALICE).size(), "the user's session is untouched");
        alice.touch(); // and its files are still open and usable

        Map<String, Object> written = JSON.std.mapFrom(Files.readString(record));
        assertEquals("applied", written.get("state"));
        String text = written.toString();
        assertTrue(text.contains(SPOOLER_A) && text.contains(SPOOLER_B) && text.contains("closed"), text);
    }

    @Test
    void itNeverCutsItsOwnConnection() throws Exception {
        SessionHolder besideTheTool = Lab.nullSession(TOOL);
        try {
            Scripts.Result r = run("CloseSessions", "--client", TOOL, "--apply", "--record", tmp.resolve("own.json").toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("skipped: smbkit's own session"), r.out());
            assertTrue(sessionsOf(TOOL).stream().noneMatch(s -> "guest".equals(s.get("kind"))), "the NULL one was closed");
        } finally {
            besideTheTool.close();
        }
    }

    @Test
    void closingAnOpenFileById() throws Exception {
        List<Map<String, Object>> files = run("MapOpenPipes", "--view", "files", "--format", "json").ok().rows();
        long id = files.stream().filter(f -> ((String) f.get("path")).contains("held-by-" + ALICE + "-1.txt"))
                .map(f -> ((Number) f.get("id")).longValue()).findFirst().orElseThrow();

        Scripts.Result r = run("CloseSessions", "--file", Long.toString(id), "--apply", "--record", tmp.resolve("f.json").toString());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(run("MapOpenPipes", "--view", "files", "--format", "json").ok().rows().stream()
                .noneMatch(f -> ((Number) f.get("id")).longValue() == id));
    }

    @Test
    void badInputIsOneLineAndTouchesNothing() {
        Scripts.Result unknownFile = run("CloseSessions", "--file", "999999999", "--apply");
        assertEquals(17, unknownFile.exit());
        assertTrue(unknownFile.err().contains("has no open file with id 999999999"), unknownFile.err());

        Scripts.Result unknownClient = run("CloseSessions", "--client", "127.0.0.99", "--apply");
        assertEquals(17, unknownClient.exit());
        assertTrue(unknownClient.err().contains("has no session from client 127.0.0.99"), unknownClient.err());

        Scripts.Result notAdmin = Scripts.run("CloseSessions", Lab.HOST, "-A", Lab.USER_AUTH.toString(), "--null-only", "--apply");
        assertEquals(23, notAdmin.exit(), notAdmin.err()); // the session listing refused at every level
        assertEquals(1, notAdmin.err().lines().count(), notAdmin.err());

        Scripts.Result nothing = run("CloseSessions");
        assertEquals(2, nothing.exit());
        assertTrue(nothing.err().contains("nothing selected to close"), nothing.err());
        assertEquals(2, sessionsOf(SPOOLER_A).size(), "nothing was touched");
    }
}
