package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * Captures the lab makes of itself: smb-capture --live on loopback while impacket (an independent client)
 * holds two NULL sessions from 127.0.0.201 on \PIPE\spoolss with RpcOpenPrinterEx and no close (the KB's
 * print spooler), labadmin from 127.0.0.202 with two files open (SMB 2.1), a NULL session from 127.0.0.203
 * that logs off (a temporary one), and labadmin from 127.0.0.204 over SMB 3.1.1, which impacket encrypts. The report names the clients, contexts, pipes, handles and findings, and agrees
 * with tshark on the same file field by field.
 */
@Tag("lab")
class LabCapturesLabTest {

    static final String SPOOLER = "127.0.0.201";
    static final String USER = "127.0.0.202";
    static final String TEMPORARY = "127.0.0.203";
    static final String ENCRYPTED = "127.0.0.204";

    static final String HOLDER = """
            import os, socket, sys
            from impacket.smbconnection import SMBConnection
            from impacket.dcerpc.v5 import transport, rprn, srvs
            from impacket.smb3structs import SMB2_DIALECT_21

            mode, host, port, src = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
            _connect = socket.socket.connect
            def connect(self, addr):
                if addr[1] == port:
                    self.bind((src, 0))  # the client address this test chose
                return _connect(self, addr)
            socket.socket.connect = connect

            def conn(user='', password='', dialect=None):
                c = SMBConnection(host, host, sess_port=port, preferredDialect=dialect)
                c.login(user, password)
                return c

            def spooler(c):
                rpc = transport.SMBTransport(host, port, r'\\spoolss', smb_connection=c)
                dce = rpc.get_dce_rpc()
                dce.connect()
                dce.bind(rprn.MSRPC_UUID_RPRN)
                info = rprn.SPLCLIENT_CONTAINER()
                info['Level'] = 1
                info['ClientInfo']['tag'] = 1
                one = info['ClientInfo']['pClientInfo1']
                one['dwSize'] = 28
                one['pMachineName'] = 'HOLDER201\\x00'
                one['pUserName'] = 'SYSTEM\\x00'
                one['dwBuildNum'] = 7601
                one['dwMajorVersion'] = 6
                one['dwMinorVersion'] = 1
                one['wProcessorArchitecture'] = 9
                rprn.hRpcOpenPrinterEx(dce, '\\\\\\\\%s\\x00' % host, pClientInfo=info)
                return dce

            held = []
            if mode == 'spooler':
                for _ in range(int(sys.argv[5])):
                    c = conn()
                    held.append((c, spooler(c)))
            elif mode == 'user':
                # SMB 2.1: impacket encrypts its SMB3 sessions when the server can, and then nothing is readable
                c = conn('labadmin', os.environ['LAB_PASSWORD'], SMB2_DIALECT_21 if sys.argv[5] == '2.1' else None)
                tid = c.connectTree('files')
                for i in range(2):
                    held.append(c.createFile(tid, 'capture-%s-%d.txt' % (src, i)))
                held.append(c)
            elif mode == 'temporary':
                c = conn()
                rpc = transport.SMBTransport(host, port, r'\\srvsvc', smb_connection=c)
                dce = rpc.get_dce_rpc()
                dce.connect()
                dce.bind(srvs.MSRPC_UUID_SRVS)
                dce.disconnect()
                c.logoff()
                c.close()
            print('ready', flush=True)
            sys.stdin.read()
            """;

    @TempDir
    static Path tmp;

    static Path pcap;
    static Map<String, Object> report;
    static Scripts.Result run;

    static Process holder(Path script, String mode, String src, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), mode, "127.0.0.1",
                Integer.toString(Lab.PORT), src));
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LAB_PASSWORD", Lab.password(Lab.ADMIN_AUTH)); // never on the command line
        return pb.start();
    }

    static void awaitReady(Process p, String what) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            if (line.equals("ready")) {
                return;
            }
            said.append(line).append('\n');
        }
        throw new AssertionError(what + " did not start: " + said);
    }

    @BeforeAll
    static void captureTheLab() throws Exception {
        Lab.up();
        assumeTrue(LiveCapture.find(System.getenv("PATH")) != null, "neither dumpcap nor tcpdump is installed");
        Path script = tmp.resolve("holder.py");
        Files.writeString(script, HOLDER);
        pcap = tmp.resolve("lab.pcapng");
        CompletableFuture<Scripts.Result> live = CompletableFuture.supplyAsync(() -> Scripts.run("ReadCapture",
                "--live", "lo", "--seconds", "20", "--port", Integer.toString(Lab.PORT), "--write", pcap.toString(),
                "--format", "json"));
        for (int i = 0; i < 100 && !(Files.exists(pcap) && Files.size(pcap) > 0); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // the capture is running once its file has its header
        List<Process> holders = new ArrayList<>();
        try {
            Process spooler = holder(script, "spooler", SPOOLER, "2");
            Process user = holder(script, "user", USER, "2.1");
            Process temporary = holder(script, "temporary", TEMPORARY);
            Process encrypted = holder(script, "user", ENCRYPTED, "3");
            holders.addAll(List.of(spooler, user, temporary, encrypted));
            awaitReady(spooler, "the spooler's NULL sessions");
            awaitReady(user, "labadmin's session");
            awaitReady(temporary, "the temporary NULL session");
            awaitReady(encrypted, "labadmin's encrypted session");
            run = live.get(60, TimeUnit.SECONDS); // the holders' sessions are open when the capture ends
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
        return SyntheticCapturesTest.list(report, "sessions").stream().filter(s -> client.equals(s.get("client"))).toList();
    }

    @Test
    void theSpoolersNullSessionsHoldTheirPrinterHandles() {
        assertEquals(1, run.exit(), "findings call for action: " + run.err());
        List<Map<String, Object>> s = sessions(SPOOLER);
        assertEquals(2, s.size(), s.toString());
        for (Map<String, Object> x : s) {
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
                .filter(x -> "action".equals(x.get("severity"))).findFirst().orElseThrow();
        assertEquals("permanent_null_sessions", f.get("kind"));
        assertEquals(SPOOLER + " opened 2 anonymous sessions to IPC$, bound spoolss, called RpcOpenPrinterEx and never closed"
                + " the handle: the print spooler holds them (KB 328459 cause); Method 2 on " + SPOOLER, f.get("title"));
        assertEquals("smb-printer-shares " + SPOOLER, f.get("command"));
    }

    @Test
    void theUserSessionHasItsContextAndFiles() {
        List<Map<String, Object>> s = sessions(USER);
        assertEquals(1, s.size(), s.toString());
        assertEquals("ntlm", s.get(0).get("auth"));
        assertEquals("labadmin", s.get(0).get("user"));
        assertEquals(List.of("capture-" + USER + "-0.txt", "capture-" + USER + "-1.txt"), s.get(0).get("files"));
        assertTrue(s.get(0).get("trees").toString().endsWith("\\files]"), s.toString());
        assertEquals("2.1", s.get(0).get("dialect"));
        assertEquals(false, s.get(0).get("encrypted"));
    }

    @Test
    void theEncryptedSessionIsSaidSo() {
        List<Map<String, Object>> s = sessions(ENCRYPTED);
        assertEquals(1, s.size(), s.toString());
        assertEquals(true, s.get(0).get("encrypted"));
        assertEquals("labadmin", s.get(0).get("user"));
        assertEquals(List.of(), s.get(0).get("files"), "nothing inside is readable");
        assertTrue(SyntheticCapturesTest.list(report, "findings").stream().anyMatch(f -> "encrypted_sessions".equals(f.get("kind"))
                && f.get("title").toString().contains(" from " + ENCRYPTED + " encrypted")), report.get("findings").toString());
    }

    @Test
    void theTemporaryNullSessionLoggedOff() {
        List<Map<String, Object>> s = sessions(TEMPORARY);
        assertEquals(1, s.size(), s.toString());
        assertEquals("logoff", s.get(0).get("end_reason"));
        assertEquals(List.of("srvsvc"), s.get(0).get("interfaces"));
        assertTrue(SyntheticCapturesTest.list(report, "findings").stream().anyMatch(f -> "temporary_null_sessions".equals(f.get("kind"))
                && f.get("title").toString().startsWith(TEMPORARY + " opened 1 temporary anonymous session")), report.get("findings").toString());
    }

    // ---- field by field with tshark on the same file ----

    static List<List<String>> tshark(String filter, String... fields) {
        return Tshark.fields(pcap, List.of("-d", "tcp.port==" + Lab.PORT + ",nbss"), filter, fields);
    }

    static Set<String> ours(String... keys) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> s : SyntheticCapturesTest.list(report, "sessions")) {
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
        for (List<String> r : tshark("ntlmssp.messagetype == 3", "ip.src", "tcp.srcport", "ntlmssp.auth.username",
                "ntlmssp.auth.domain", "ntlmssp.auth.hostname")) {
            theirs.add(String.join("|", r) + "|");
        }
        assertEquals(theirs, ours("client", "client_port", "user", "domain", "workstation"));
    }

    @Test
    void theHandlesOpenedAndNeverClosedAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        Map<String, Integer> theirs = new HashMap<>();
        for (List<String> r : tshark("spoolss.opnum == 69 && dcerpc.pkt_type == 2", "ip.dst", "tcp.dstport",
                "dcerpc.nt.open_frame", "dcerpc.nt.close_frame")) {
            if (!r.get(2).isEmpty() && r.get(3).isEmpty()) {
                theirs.merge(r.get(0) + ":" + r.get(1), 1, Integer::sum);
            }
        }
        Map<String, Integer> mine = new HashMap<>();
        for (Map<String, Object> s : SyntheticCapturesTest.list(report, "sessions")) {
            for (Map<String, Object> h : SyntheticCapturesTest.list(s, "spoolss_handles")) {
                if (h.get("closed_by") == null) {
                    mine.merge(s.get("client") + ":" + s.get("client_port"), 1, Integer::sum);
                }
            }
        }
        assertEquals(theirs, mine);
        assertEquals(2, mine.size(), "two sessions of " + SPOOLER + " hold one handle each");
        Set<String> machines = new TreeSet<>(Tshark.fields(pcap, List.of("-d", "tcp.port==" + Lab.PORT + ",nbss"),
                "spoolss.opnum == 69 && dcerpc.pkt_type == 0", "spoolss.userlevel.client").stream().map(r -> r.get(0)).toList());
        assertEquals(Set.of("HOLDER201"), machines);
    }

    @Test
    void treesPipesBindsAndLogoffsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        Set<String> trees = new TreeSet<>();
        tshark("smb2.cmd == 3 && smb2.flags.response == 0", "ip.src", "smb2.tree").forEach(r -> trees.add(r.get(0) + " " + r.get(1)));
        Set<String> ourTrees = new TreeSet<>();
        Set<String> ourNames = new TreeSet<>();
        Set<String> ourUuids = new TreeSet<>();
        Set<String> ourLogoffs = new TreeSet<>();
        for (Map<String, Object> s : SyntheticCapturesTest.list(report, "sessions")) {
            ((List<?>) s.get("trees")).forEach(t -> ourTrees.add(s.get("client") + " " + t));
            ((List<?>) s.get("files")).forEach(t -> ourNames.add(s.get("client") + " " + t));
            ((List<?>) s.get("pipes")).forEach(t -> ourNames.add(s.get("client") + " " + t.toString().substring("\\PIPE\\".length())));
            ((List<?>) s.get("interface_uuids")).forEach(t -> ourUuids.add(s.get("client") + " " + t));
            if ("logoff".equals(s.get("end_reason"))) {
                ourLogoffs.add(s.get("client") + ":" + s.get("client_port"));
            }
        }
        assertEquals(trees, ourTrees, "trees");
        Set<String> names = new TreeSet<>();
        tshark("smb2.cmd == 5 && smb2.flags.response == 0", "ip.src", "smb2.filename").forEach(r -> names.add(r.get(0) + " " + r.get(1)));
        assertEquals(names, ourNames, "files and pipes");
        Set<String> uuids = new TreeSet<>();
        tshark("dcerpc.pkt_type == 11", "ip.src", "dcerpc.cn_bind_to_uuid").forEach(r -> {
            for (String u : r.get(1).split("\\|")) {
                uuids.add(r.get(0) + " " + u);
            }
        });
        assertEquals(uuids, ourUuids, "interfaces bound");
        Set<String> logoffs = new TreeSet<>();
        tshark("smb2.cmd == 2 && smb2.flags.response == 1 && smb2.nt_status == 0", "ip.dst", "tcp.dstport")
                .forEach(r -> logoffs.add(r.get(0) + ":" + r.get(1)));
        assertEquals(logoffs, ourLogoffs, "logoffs");
        assertEquals(Set.of(TEMPORARY), new TreeSet<>(logoffs.stream().map(l -> l.substring(0, l.indexOf(':'))).toList()));
    }
}
