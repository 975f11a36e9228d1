package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * The KB's sessions over SMB1 (NT LM 0.12), captured by smb-capture --live (dumpcap first, else tcpdump) on
 * loopback against the lab's SMB1-only server: impacket, forced to SMB1, holds two NULL sessions from
 * 127.0.0.221 on \PIPE\spoolss with RpcOpenPrinterEx and no close, labadmin from 127.0.0.222 with two files
 * open, and a NULL session from 127.0.0.223 that logs off. The report names the clients, contexts, pipes,
 * handles and findings, and agrees field by field with tshark ({@code ntlmssp.auth.*}, {@code smb.*},
 * {@code dcerpc.*}) on the same file. Only these clients are compared: the lab's own SMB1 holders are
 * already connected when the capture begins.
 */
@Tag("lab")
class Smb1LabCapturesLabTest {

    static final String SPOOLER = "127.0.0.221";
    static final String USER = "127.0.0.222";
    static final String TEMPORARY = "127.0.0.223";
    static final Set<String> MINE = Set.of(SPOOLER, USER, TEMPORARY);

    @TempDir
    static Path tmp;

    static Path pcap;
    static Map<String, Object> report;
    static Scripts.Result run;

    static Process holder(Path script, String mode, String src, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), mode, Lab.SMB1_ADDRESS,
                Integer.toString(Lab.SMB1_PORT), src));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LAB_PASSWORD", Lab.password(Lab.ADMIN_AUTH)); // never on the command line
        return pb.start();
    }

    @BeforeAll
    static void captureTheSmb1Lab() throws Exception {
        Lab.smb1Scenario();
        assumeTrue(LiveCapture.find(System.getenv("PATH")) != null, "neither dumpcap nor tcpdump is installed");
        Path script = tmp.resolve("holder1.py");
        // LabCapturesLabTest's clients, every connection forced to SMB1
        Files.writeString(script, LabCapturesLabTest.HOLDER
                .replace("from impacket.smbconnection import SMBConnection",
                        "from impacket.smbconnection import SMBConnection\nfrom impacket.smb import SMB_DIALECT")
                .replace("preferredDialect=dialect", "preferredDialect=SMB_DIALECT"));
        pcap = tmp.resolve("lab1.pcapng");
        CompletableFuture<Scripts.Result> live = CompletableFuture.supplyAsync(() -> Scripts.run("ReadCapture",
                "--live", "lo", "--seconds", "20", "--port", Integer.toString(Lab.SMB1_PORT), "--write", pcap.toString(),
                "--format", "json"));
        for (int i = 0; i < 100 && !(Files.exists(pcap) && Files.size(pcap) > 0); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        List<Process> holders = new ArrayList<>();
        try {
            Process spooler = holder(script, "spooler", SPOOLER, "2");
            Process user = holder(script, "user", USER, "1");
            Process temporary = holder(script, "temporary", TEMPORARY);
            holders.addAll(List.of(spooler, user, temporary));
            LabCapturesLabTest.awaitReady(spooler, "the spooler's NULL sessions over SMB1");
            LabCapturesLabTest.awaitReady(user, "labadmin's SMB1 session");
            LabCapturesLabTest.awaitReady(temporary, "the temporary SMB1 NULL session");
            run = live.get(60, TimeUnit.SECONDS);
        } finally {
            for (Process p : holders) {
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        report = SyntheticCapturesTest.json(run);
    }

    static List<Map<String, Object>> sessions(String client) {
        return mine().stream().filter(s -> client.equals(s.get("client"))).toList();
    }

    static List<Map<String, Object>> mine() {
        return SyntheticCapturesTest.list(report, "sessions").stream().filter(s -> MINE.contains(s.get("client"))).toList();
    }

    @Test
    void theSpoolersSmb1NullSessionsHoldTheirPrinterHandles() {
        assertEquals(1, run.exit(), "findings call for action: " + run.err());
        List<Map<String, Object>> s = sessions(SPOOLER);
        assertEquals(2, s.size(), s.toString());
        for (Map<String, Object> x : s) {
            assertEquals("smb1", x.get("protocol"));
            assertEquals("NT LM 0.12", x.get("dialect"));
            assertEquals("anonymous", x.get("auth"));
            assertEquals("open at capture end", x.get("end_reason"));
            assertEquals(List.of("\\PIPE\\spoolss"), x.get("pipes"));
            assertEquals(List.of("spoolss"), x.get("interfaces"));
            assertTrue(x.get("trees").toString().endsWith("\\IPC$]"), x.toString());
            List<Map<String, Object>> h = SyntheticCapturesTest.list(x, "spoolss_handles");
            assertEquals(1, h.size(), x.toString());
            assertEquals("RpcOpenPrinterEx", h.get(0).get("opened_by"));
            assertEquals("HOLDER201", h.get(0).get("client_machine"));
            assertEquals("SYSTEM", h.get(0).get("client_user"));
            assertEquals(null, h.get(0).get("closed_by"));
        }
        Map<String, Object> f = SyntheticCapturesTest.list(report, "findings").stream()
                .filter(x -> "action".equals(x.get("severity")) && x.get("title").toString().startsWith(SPOOLER + " "))
                .findFirst().orElseThrow(() -> new AssertionError(report.get("findings").toString()));
        assertEquals("permanent_null_sessions", f.get("kind"));
        assertEquals(SPOOLER + " opened 2 anonymous sessions to IPC$, bound spoolss, called RpcOpenPrinterEx and never closed"
                + " the handle: the print spooler holds them (KB 328459 cause); Method 2 on " + SPOOLER, f.get("title"));
        assertEquals("smb-printer-shares " + SPOOLER, f.get("command"));
    }

    @Test
    void theSmb1UserSessionHasItsContextAndFiles() {
        List<Map<String, Object>> s = sessions(USER);
        assertEquals(1, s.size(), s.toString());
        assertEquals("smb1", s.get(0).get("protocol"));
        assertEquals("ntlm", s.get(0).get("auth"));
        assertEquals("labadmin", s.get(0).get("user"));
        assertEquals(List.of("capture-" + USER + "-0.txt", "capture-" + USER + "-1.txt"),
                ((List<?>) s.get(0).get("files")).stream().map(n -> n.toString().replaceFirst("^\\\\+", "")).toList());
        assertTrue(s.get(0).get("trees").toString().endsWith("\\files]"), s.toString());
    }

    @Test
    void theTemporarySmb1NullSessionLoggedOff() {
        List<Map<String, Object>> s = sessions(TEMPORARY);
        assertEquals(1, s.size(), s.toString());
        assertEquals("logoff", s.get(0).get("end_reason"));
        assertEquals(List.of("srvsvc"), s.get(0).get("interfaces"));
        assertTrue(SyntheticCapturesTest.list(report, "findings").stream().anyMatch(f -> "temporary_null_sessions".equals(f.get("kind"))
                && f.get("title").toString().startsWith(TEMPORARY + " opened 1 temporary anonymous session")), report.get("findings").toString());
    }

    // ---- field by field with tshark on the same file ----

    static List<List<String>> tshark(String filter, String... fields) {
        return Tshark.fields(pcap, List.of("-d", "tcp.port==" + Lab.SMB1_PORT + ",nbss"), filter, fields);
    }

    static String mineFilter(String field) {
        return "(" + String.join(" || ", MINE.stream().map(a -> field + " == " + a).toList()) + ")";
    }

    static Set<String> ours(String... keys) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> s : mine()) {
            StringBuilder b = new StringBuilder();
            for (String k : keys) {
                b.append(s.get(k) == null ? "" : s.get(k)).append('|');
            }
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void theSecurityContextsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        Set<String> theirs = new TreeSet<>();
        for (List<String> r : tshark("ntlmssp.messagetype == 3 && " + mineFilter("ip.src"), "ip.src", "tcp.srcport",
                "ntlmssp.auth.username", "ntlmssp.auth.domain", "ntlmssp.auth.hostname")) {
            theirs.add(String.join("|", r) + "|");
        }
        assertEquals(theirs, ours("client", "client_port", "user", "domain", "workstation"));
        assertEquals(4, theirs.size(), theirs.toString());
    }

    @Test
    void theHandlesOpenedAndNeverClosedAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        Map<String, Integer> theirs = new HashMap<>();
        for (List<String> r : tshark("spoolss.opnum == 69 && dcerpc.pkt_type == 2 && " + mineFilter("ip.dst"), "ip.dst",
                "tcp.dstport", "dcerpc.nt.open_frame", "dcerpc.nt.close_frame")) {
            if (!r.get(2).isEmpty() && r.get(3).isEmpty()) {
                theirs.merge(r.get(0) + ":" + r.get(1), 1, Integer::sum);
            }
        }
        Map<String, Integer> ours = new HashMap<>();
        for (Map<String, Object> s : mine()) {
            for (Map<String, Object> h : SyntheticCapturesTest.list(s, "spoolss_handles")) {
                if (h.get("closed_by") == null) {
                    ours.merge(s.get("client") + ":" + s.get("client_port"), 1, Integer::sum);
                }
            }
        }
        assertEquals(theirs, ours);
        assertEquals(2, ours.size(), "two SMB1 sessions of " + SPOOLER + " hold one handle each");
    }

    @Test
    void treesPipesBindsAndLogoffsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        Set<String> trees = new TreeSet<>();
        tshark("smb.cmd == 0x75 && smb.flags.response == 0 && " + mineFilter("ip.src"), "ip.src", "smb.path")
                .forEach(r -> each(r.get(1), t -> trees.add(r.get(0) + " " + t)));
        Set<String> ourTrees = new TreeSet<>();
        Set<String> ourNames = new TreeSet<>();
        Set<String> ourUuids = new TreeSet<>();
        Set<String> ourLogoffs = new TreeSet<>();
        for (Map<String, Object> s : mine()) {
            ((List<?>) s.get("trees")).forEach(t -> ourTrees.add(s.get("client") + " " + t));
            ((List<?>) s.get("files")).forEach(t -> ourNames.add(s.get("client") + " " + bare(t.toString())));
            ((List<?>) s.get("pipes")).forEach(t -> ourNames.add(s.get("client") + " " + t.toString().substring("\\PIPE\\".length())));
            ((List<?>) s.get("interface_uuids")).forEach(t -> ourUuids.add(s.get("client") + " " + t));
            if ("logoff".equals(s.get("end_reason"))) {
                ourLogoffs.add(s.get("client") + ":" + s.get("client_port"));
            }
        }
        assertEquals(trees, ourTrees, "trees");
        Set<String> names = new TreeSet<>();
        tshark("smb.cmd == 0xa2 && smb.flags.response == 0 && " + mineFilter("ip.src"), "ip.src", "smb.file")
                .forEach(r -> each(r.get(1), n -> names.add(r.get(0) + " " + bare(n))));
        assertEquals(names, ourNames, "files and pipes");
        Set<String> uuids = new TreeSet<>();
        tshark("dcerpc.pkt_type == 11 && " + mineFilter("ip.src"), "ip.src", "dcerpc.cn_bind_to_uuid").forEach(r -> {
            for (String u : r.get(1).split("\\|")) {
                uuids.add(r.get(0) + " " + u);
            }
        });
        assertEquals(uuids, ourUuids, "interfaces bound");
        Set<String> logoffs = new TreeSet<>();
        tshark("smb.cmd == 0x74 && smb.flags.response == 1 && smb.nt_status == 0 && " + mineFilter("ip.dst"), "ip.dst",
                "tcp.dstport").forEach(r -> logoffs.add(r.get(0) + ":" + r.get(1)));
        assertEquals(logoffs, ourLogoffs, "logoffs");
        assertEquals(Set.of(TEMPORARY), new TreeSet<>(logoffs.stream().map(l -> l.substring(0, l.indexOf(':'))).toList()));
    }

    /** Each of a field's values (tshark shows some SMB1 fields twice in a frame, joined by '|'). */
    static void each(String values, java.util.function.Consumer<String> to) {
        for (String v : values.split("\\|")) {
            to.accept(v);
        }
    }

    /** A name without its leading backslashes (SMB1 requests carry "\\spoolss", SMB2 ones "spoolss"). */
    static String bare(String name) {
        return name.replaceFirst("^\\\\+", "");
    }
}
