package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * Every step against the lab's SMB1-only Samba (NT LM 0.12 only, as NT 4.0, 2000 and XP), which holds the KB's
 * scenario over SMB1: NULL sessions on \PIPE\spoolss from 127.0.0.3 (2), .4 and .5 (2), labadmin from .2
 * with 2 files open. The same assertions as on SMB2, impacket with SMB1 forced agreeing at the same moment,
 * the dialect reported, port 139 against the direct port, and --no-smb1 refusing with nothing sent over SMB1.
 */
@Tag("lab")
class Smb1LabTest {

    static final List<String> NULL_CLIENTS = List.of("127.0.0.3", "127.0.0.4", "127.0.0.5");
    static final String DIALECT = "NT LM 0.12";

    @TempDir
    Path tmp;

    @BeforeAll
    static void scenario() {
        Lab.smb1Scenario();
    }

    static Scripts.Result run(String script, String host, String... more) {
        List<String> args = new ArrayList<>(List.of(host, "-A", Lab.ADMIN_AUTH.toString()));
        args.addAll(List.of(more));
        return Scripts.run(script, args.toArray(String[]::new));
    }

    /** One note on stderr, naming the dialect. */
    static void oneDialectNote(Scripts.Result r) {
        long notes = r.err().lines().filter(l -> l.startsWith("note:") && l.contains(DIALECT)).count();
        assertEquals(1, notes, "one note naming " + DIALECT + ": " + r.err());
    }

    /** client -> sorted users of the held clients. */
    static Map<String, List<String>> held(List<Map<String, Object>> rows, String clientField, String userField) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, Object> s : rows) {
            Object c = s.get(clientField);
            if (NULL_CLIENTS.contains(c) || "127.0.0.2".equals(c)) {
                out.computeIfAbsent((String) c, k -> new ArrayList<>()).add((String) s.get(userField));
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void sessionsAgreeWithImpacketOverSmb1() throws Exception {
        Scripts.Result r = run("ListSessions", Lab.SMB1, "--format", "json");
        assertEquals(0, r.exit(), r.err());
        oneDialectNote(r);
        Proc impacket = Proc.run(Lab.REPO, "/usr/bin/python3", "tests/lab/impacket_sessions.py", Lab.SMB1,
                Lab.ADMIN_AUTH.toString(), "--smb1").ok();
        Map<String, List<String>> ours = held(r.rows(), "client", "user");
        Map<String, List<String>> theirs = held((List<Map<String, Object>>) (List<?>) JSON.std.listFrom(impacket.out()),
                "client", "user");
        assertEquals(theirs, ours);
        assertEquals(List.of("nobody", "nobody"), ours.get("127.0.0.3"));
        assertEquals(List.of("nobody", "nobody"), ours.get("127.0.0.5"));
        assertEquals(List.of("labadmin"), ours.get("127.0.0.2"));
        Map<String, Object> user = r.rows().stream().filter(s -> "127.0.0.2".equals(s.get("client"))).findFirst().orElseThrow();
        assertEquals(2, ((Number) user.get("opens")).intValue());
        assertTrue(r.rows().stream().filter(s -> NULL_CLIENTS.contains(s.get("client"))).allMatch(s -> "guest".equals(s.get("kind"))));
    }

    @Test
    void nullSessionsFoundPerClient() {
        Scripts.Result r = run("FindNullSessions", Lab.SMB1, "--format", "json");
        assertEquals(1, r.exit(), "permanent NULL sessions call for action: " + r.err());
        Map<String, Integer> perClient = new TreeMap<>();
        r.rows().forEach(c -> perClient.put((String) c.get("client"), ((Number) c.get("sessions")).intValue()));
        assertEquals(Map.of("127.0.0.3", 2, "127.0.0.4", 1, "127.0.0.5", 2), perClient);
    }

    @Test
    void filesConnectionsAndShares() {
        Scripts.Result files = run("MapOpenPipes", Lab.SMB1, "--view", "files", "--format", "json");
        assertEquals(0, files.exit(), files.err());
        assertEquals(2, files.rows().stream().filter(f -> String.valueOf(f.get("path")).contains("held-by-127.0.0.2-")).count());
        Scripts.Result shares = run("MapOpenPipes", Lab.SMB1, "--view", "shares", "--format", "json");
        assertEquals(0, shares.exit(), shares.err());
        assertEquals(List.of("inkjet", "laser"), shares.rows().stream().filter(s -> Boolean.TRUE.equals(s.get("printer")))
                .map(s -> (String) s.get("name")).sorted().toList());
        Scripts.Result connections = run("MapOpenPipes", Lab.SMB1, "--view", "connections", "--format", "json");
        assertEquals(0, connections.exit(), connections.err());
        assertTrue(connections.rows().stream().anyMatch(c -> "IPC$".equals(c.get("share"))), connections.out());
    }

    @Test
    void method1ReadsTheSettingOverWinreg() {
        Scripts.Result r = run("RestrictAnonymous", Lab.SMB1, "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"restrict anonymous\""), r.out());
        oneDialectNote(r); // the probe's second connection does not repeat it
    }

    @Test
    void method2ListsThePrinterShares() {
        Scripts.Result r = run("RemovePrinterShares", Lab.SMB1, "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("inkjet", "laser"), r.rows().stream().map(s -> (String) s.get("share")).sorted().toList());
        assertTrue(r.rows().stream().allMatch(s -> "would remove".equals(s.get("result"))), r.out());
    }

    @Test
    void closeSessionsClosesANullSessionOverSmb1() throws Exception {
        try (SessionHolder mine = SessionHolder.nullSession(Lab.SMB1, "127.0.0.61", "spoolss", true)) {
            Scripts.Result dry = run("CloseSessions", Lab.SMB1, "--client", "127.0.0.61", "--null-only", "--format", "json");
            assertEquals(0, dry.exit(), dry.err());
            assertTrue(mine.isAlive());
            Scripts.Result r = run("CloseSessions", Lab.SMB1, "--client", "127.0.0.61", "--null-only", "--apply",
                    "--record", tmp.resolve("closed.json").toString(), "--format", "json");
            assertEquals(0, r.exit(), r.out() + r.err());
            Scripts.Result after = run("ListSessions", Lab.SMB1, "--format", "json");
            assertFalse(after.rows().stream().anyMatch(s -> "127.0.0.61".equals(s.get("client"))), after.out());
            assertTrue(after.rows().stream().anyMatch(s -> "127.0.0.2".equals(s.get("client"))), "the others stay");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDiagnosisSaysSmb1AndNamesTheClients() throws Exception {
        Path save = tmp.resolve("smb1.json");
        Path html = tmp.resolve("smb1.html");
        Scripts.Result r = run("SmbDiagnose", Lab.SMB1, "--format", "json", "--save", save.toString(), "--html", html.toString());
        assertEquals(1, r.exit(), r.err());
        List<Map<String, Object>> f = r.rows();
        assertTrue(f.stream().allMatch(x -> DIALECT.equals(x.get("dialect"))), r.out());
        Map<String, Object> smb1 = f.stream().filter(x -> "smb1_host".equals(x.get("kind"))).findFirst().orElseThrow();
        assertTrue(((String) smb1.get("finding")).contains("10 sessions"), smb1.toString());
        Map<String, Object> cause = f.stream().filter(x -> "permanent_null_sessions".equals(x.get("kind"))).findFirst().orElseThrow();
        for (String c : NULL_CLIENTS) {
            assertTrue(((String) cause.get("finding")).contains(c), cause.toString());
        }
        assertTrue(f.stream().anyMatch(x -> "method_2".equals(x.get("kind"))), r.out());
        Map<String, Object> saved = JSON.std.mapFrom(Files.readString(save));
        assertEquals(DIALECT, saved.get("dialect"));
        assertTrue(Files.readString(html).contains("<code>" + DIALECT + "</code>"));
        Scripts.Result again = Scripts.run("SmbDiagnose", "--from", save.toString(), "--format", "json");
        assertEquals(f.stream().map(x -> x.get("kind")).toList(), again.rows().stream().map(x -> x.get("kind")).toList());
    }

    @Test
    void aScanGivesEachHostItsDialect() {
        Scripts.Result r = Scripts.run("SmbDiagnose", Lab.SMB1, Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
        Map<String, Object> dialects = new TreeMap<>();
        r.rows().forEach(x -> dialects.put((String) x.get("host"), x.get("dialect")));
        assertEquals(DIALECT, dialects.get(Lab.SMB1), r.out());
        assertTrue(String.valueOf(dialects.get(Lab.HOST)).startsWith("SMB 3"), r.out());
        assertTrue(r.rows().stream().noneMatch(x -> Lab.HOST.equals(x.get("host")) && "smb1_host".equals(x.get("kind"))));
    }

    @Test
    void port139GivesTheSameListingAsTheDirectPort() {
        assumeTrue(Lab.SMB1_NETBIOS, "port 139 on " + Lab.SMB1_ADDRESS + " was taken");
        Scripts.Result direct = run("ListSessions", Lab.SMB1, "--format", "json");
        Scripts.Result netbios = run("ListSessions", Lab.SMB1_NETBIOS_HOST, "--format", "json");
        assertEquals(0, netbios.exit(), netbios.err());
        assertEquals(held(direct.rows(), "client", "user"), held(netbios.rows(), "client", "user"));
    }

    @Test
    void noSmb1RefusesWithOneLineAndSendsNothingOverSmb1() throws Exception {
        try (Recorder proxy = new Recorder(Lab.SMB1_ADDRESS, Lab.SMB1_PORT)) {
            Scripts.Result r = run("ListSessions", "127.0.0.1:" + proxy.port(), "--no-smb1", "--format", "json");
            assertEquals(24, r.exit(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("speaks only SMB1"), r.err());
            assertEquals("", r.out());
            byte[] sent = proxy.sent();
            // One SMB1 NEGOTIATE offering SMB2 dialects only: no NT LM 0.12, no session set-up, nothing else.
            assertEquals(1, proxy.connections());
            assertEquals(sent.length, 4 + (((sent[1] & 0xFF) << 16) | ((sent[2] & 0xFF) << 8) | (sent[3] & 0xFF)),
                    "exactly one message sent");
            assertEquals(0x72, sent[4 + 4] & 0xFF, "SMB_COM_NEGOTIATE");
            String text = new String(sent, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("NT LM 0.12"), "SMB1 never offered");
            assertTrue(text.contains("SMB 2.002"));
        }
    }

    @Test
    void aPlainUserIsRefusedAtEveryLevelOverSmb1Too() {
        Scripts.Result r = Scripts.run("ListSessions", Lab.SMB1, "-A", Lab.USER_AUTH.toString());
        assertEquals(23, r.exit(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("note:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains("refused at every level"), r.err());
        Scripts.Result d = Scripts.run("SmbDiagnose", Lab.SMB1, "-A", Lab.USER_AUTH.toString(), "--format", "json");
        assertEquals(5, d.exit(), d.err());
        Map<String, Object> sessions = d.rows().stream().filter(x -> "sessions".equals(x.get("part"))).findFirst().orElseThrow();
        assertEquals("sessions_refused", sessions.get("failure"));
        assertEquals(23L, ((Number) sessions.get("exit_code")).longValue());
    }

    /**
     * A server whose 445 is closed, reached over 139: in a network namespace of its own (nothing else listens
     * there), a copy of the SMB1 server listens on 139 only (in a session of its own: smbd signals its process
     * group when it stops); then with 139 gone too, 445's error is kept.
     */
    @Test
    void aServerWhose445IsClosedIsReachedOver139() throws Exception {
        assumeTrue(Proc.run(Lab.REPO, "unshare", "-n", "true").exit() == 0, "no network namespaces here");
        Path copy = tmp.resolve("ns");
        Path dir = Path.of(Lab.smb1Conf()).getParent();
        Proc.run(Lab.REPO, "cp", "-a", dir.toString(), copy.toString()).ok();
        Path conf = copy.resolve("smb.conf");
        String text = Files.readString(conf).replace(dir.toString(), copy.toString())
                .replaceAll("(?m)^  smb ports = .*$", "  smb ports = 139");
        Files.writeString(conf, text);
        for (String pid : List.of("smbd", "samba-dcerpcd", "holders")) {
            Files.deleteIfExists(copy.resolve("pid/" + pid + ".pid"));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String list = java + " -cp " + System.getProperty("java.class.path") + " ListSessions " + Lab.SMB1_ADDRESS
                + " -A " + Lab.ADMIN_AUTH + " --format json";
        String dcerpcd = copy.resolve("pid/samba-dcerpcd.pid").toString();
        String script = "set -u; ip link set lo up; setsid smbd -s " + conf + " -F --no-process-group </dev/null >/dev/null 2>&1 &"
                + " pid=$!; for i in $(seq 100); do (exec 3<>/dev/tcp/" + Lab.SMB1_ADDRESS + "/139) 2>/dev/null && break; sleep 0.1; done;"
                + " " + list + "; echo \"exit=$?\"; kill $pid; [ -f " + dcerpcd + " ] && kill $(cat " + dcerpcd + "); sleep 0.5;"
                + " " + list + " 2>&1; echo \"exit=$?\"";
        Proc p = Proc.run(Lab.REPO, Map.of(), 180, List.of("unshare", "-n", "bash", "-c", script));
        String[] runs = p.out().split("exit=");
        assertTrue(runs.length >= 3, p.out() + p.err());
        assertTrue(runs[1].startsWith("0"), "reached over 139: " + p.out() + p.err());
        assertTrue(runs[0].contains("\"labadmin\""), p.out());
        assertTrue(p.err().contains("reached over NetBIOS on port 139"), p.err());
        assertTrue(runs[2].startsWith("11"), "445's failure kept: " + p.out());
        assertTrue(runs[1].contains("refused the connection on port 445") && runs[1].contains("port 139"), p.out());
    }

    /** A TCP proxy that records what the client sends. */
    static final class Recorder implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket();
        private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        private final AtomicInteger connections = new AtomicInteger();

        Recorder(String host, int port) throws IOException {
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Thread t = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        connections.incrementAndGet();
                        Socket server = new Socket(host, port);
                        pump(client.getInputStream(), server.getOutputStream(), true, server);
                        pump(server.getInputStream(), client.getOutputStream(), false, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void pump(InputStream in, OutputStream out, boolean record, Socket other) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        if (record) {
                            synchronized (sent) {
                                sent.write(buf, 0, n);
                            }
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed
                }
                try {
                    other.close();
                } catch (IOException e) {
                    // closing
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        byte[] sent() {
            synchronized (sent) {
                return sent.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
