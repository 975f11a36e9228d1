package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.function.Consumer;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * What the lab capture tests share, over SMB2 ({@link LabCapturesLabTest}) and SMB1 ({@link Smb1LabCapturesLabTest}):
 * impacket's holders, one live capture while they hold their sessions, and the same assertions on its report and
 * against tshark, each dialect naming its own tshark fields ({@link Dialect}).
 */
final class LabCaptures {

    private LabCaptures() {}

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

    /** One holder process: {@code mode} (spooler, user, temporary) from client address {@code src}. */
    record Holder(String what, String mode, String src, String... more) {}

    /** The tshark filters and fields of one SMB dialect for trees, creates and logoffs. */
    record Dialect(String treeRequest, String treeField, String createRequest, String fileField, String logoffDone) {
        static final Dialect SMB1 = new Dialect("smb.cmd == 0x75 && smb.flags.response == 0", "smb.path",
                "smb.cmd == 0xa2 && smb.flags.response == 0", "smb.file", "smb.cmd == 0x74 && smb.flags.response == 1 && smb.nt_status == 0");
        static final Dialect SMB2 = new Dialect("smb2.cmd == 3 && smb2.flags.response == 0", "smb2.tree",
                "smb2.cmd == 5 && smb2.flags.response == 0", "smb2.filename", "smb2.cmd == 2 && smb2.flags.response == 1 && smb2.nt_status == 0");
    }

    /** A capture of the lab at {@code host:port}; {@code clients}: the holders' addresses compared (null: every session). */
    record Captured(Path pcap, int port, Set<String> clients, Scripts.Result run, Map<String, Object> report) {

        List<Map<String, Object>> sessions() {
            return SyntheticCapturesTest.list(report, "sessions").stream()
                    .filter(s -> clients == null || clients.contains(s.get("client"))).toList();
        }

        List<Map<String, Object>> sessions(String client) {
            return sessions().stream().filter(s -> client.equals(s.get("client"))).toList();
        }

        List<Map<String, Object>> findings() {
            return SyntheticCapturesTest.list(report, "findings");
        }

        List<List<String>> tshark(String filter, String... fields) {
            return Tshark.fields(pcap, List.of("-d", "tcp.port==" + port + ",nbss"), filter, fields);
        }

        /** {@code filter}, kept to the compared clients by {@code field} (ip.src, ip.dst). */
        String only(String filter, String field) {
            return clients == null ? filter
                    : filter + " && (" + String.join(" || ", clients.stream().map(a -> field + " == " + a).toList()) + ")";
        }

        /** Each compared session as its {@code keys}' values joined by '|'. */
        Set<String> ours(String... keys) {
            Set<String> out = new TreeSet<>();
            for (Map<String, Object> s : sessions()) {
                StringBuilder b = new StringBuilder();
                for (String k : keys) {
                    b.append(s.get(k) == null ? "" : s.get(k)).append('|');
                }
                out.add(b.toString());
            }
            return out;
        }
    }

    static Process holder(Path script, String host, int port, Holder h) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), h.mode(), host, Integer.toString(port), h.src()));
        cmd.addAll(List.of(h.more()));
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

    /** smb-capture --live on loopback for 20 s, port {@code port}, while the holders (running {@code holderScript}) hold their sessions. */
    static Captured capture(Path tmp, String name, String holderScript, String host, int port, Set<String> clients,
            List<Holder> holders) throws Exception {
        Path script = tmp.resolve(name + ".py");
        Files.writeString(script, holderScript);
        Path pcap = tmp.resolve(name + ".pcapng");
        CompletableFuture<Scripts.Result> live = CompletableFuture.supplyAsync(() -> Scripts.run("ReadCapture",
                "--live", "lo", "--seconds", "20", "--port", Integer.toString(port), "--write", pcap.toString(),
                "--format", "json"));
        for (int i = 0; i < 100 && !(Files.exists(pcap) && Files.size(pcap) > 0); i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // the capture is running once its file has its header
        List<Process> started = new ArrayList<>();
        Scripts.Result run;
        try {
            for (Holder h : holders) {
                started.add(holder(script, host, port, h));
            }
            for (int i = 0; i < holders.size(); i++) {
                awaitReady(started.get(i), holders.get(i).what());
            }
            run = live.get(60, TimeUnit.SECONDS); // the holders' sessions are open when the capture ends
        } finally {
            for (Process p : started) {
                p.getOutputStream().close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        return new Captured(pcap, port, clients, run, SyntheticCapturesTest.json(run));
    }

    // ---- the report ----

    /** Two NULL sessions of {@code spooler} on \PIPE\spoolss, each holding the printer handle it opened; the finding says so. */
    static void assertTheSpoolerHoldsItsHandles(Captured c, String spooler, Map<String, Object> alsoEach) {
        assertEquals(1, c.run().exit(), "findings call for action: " + c.run().err());
        List<Map<String, Object>> s = c.sessions(spooler);
        assertEquals(2, s.size(), s.toString());
        for (Map<String, Object> x : s) {
            alsoEach.forEach((k, v) -> assertEquals(v, x.get(k), k));
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
        Map<String, Object> f = c.findings().stream()
                .filter(x -> "action".equals(x.get("severity")) && x.get("title").toString().startsWith(spooler + " "))
                .findFirst().orElseThrow(() -> new AssertionError(c.report().get("findings").toString()));
        assertEquals("permanent_null_sessions", f.get("kind"));
        assertEquals(spooler + " opened 2 anonymous sessions to IPC$, bound spoolss, called RpcOpenPrinterEx and never closed"
                + " the handle: the print spooler holds them (KB 328459 cause); Method 2 on " + spooler, f.get("title"));
        assertEquals("smb-printer-shares " + spooler, f.get("command"));
    }

    /** labadmin's one session from {@code user}, its two files open on the files share. */
    static void assertTheUserSessionHasItsContextAndFiles(Captured c, String user, Map<String, Object> also) {
        List<Map<String, Object>> s = c.sessions(user);
        assertEquals(1, s.size(), s.toString());
        also.forEach((k, v) -> assertEquals(v, s.get(0).get(k), k));
        assertEquals("ntlm", s.get(0).get("auth"));
        assertEquals("labadmin", s.get(0).get("user"));
        assertEquals(List.of("capture-" + user + "-0.txt", "capture-" + user + "-1.txt"),
                ((List<?>) s.get(0).get("files")).stream().map(n -> bare(n.toString())).toList());
        assertTrue(s.get(0).get("trees").toString().endsWith("\\files]"), s.toString());
    }

    /** The NULL session from {@code temporary} bound srvsvc and logged off; the finding calls it temporary. */
    static void assertTheTemporaryNullSessionLoggedOff(Captured c, String temporary) {
        List<Map<String, Object>> s = c.sessions(temporary);
        assertEquals(1, s.size(), s.toString());
        assertEquals("logoff", s.get(0).get("end_reason"));
        assertEquals(List.of("srvsvc"), s.get(0).get("interfaces"));
        assertTrue(c.findings().stream().anyMatch(f -> "temporary_null_sessions".equals(f.get("kind"))
                && f.get("title").toString().startsWith(temporary + " opened 1 temporary anonymous session")), c.report().get("findings").toString());
    }

    // ---- field by field with tshark on the same file ----

    /** Each NTLMSSP AUTHENTICATE's client, port, user, domain and workstation is a session's context; returns tshark's. */
    static Set<String> assertTheSecurityContextsAgreeWithTshark(Captured c) {
        Set<String> theirs = new TreeSet<>();
        for (List<String> r : c.tshark(c.only("ntlmssp.messagetype == 3", "ip.src"), "ip.src", "tcp.srcport",
                "ntlmssp.auth.username", "ntlmssp.auth.domain", "ntlmssp.auth.hostname")) {
            theirs.add(String.join("|", r) + "|");
        }
        assertEquals(theirs, c.ours("client", "client_port", "user", "domain", "workstation"));
        return theirs;
    }

    /** The RpcOpenPrinterEx handles tshark sees opened and never closed are the sessions' open handles, two sessions' of {@code spooler}. */
    static void assertTheHandlesOpenedAndNeverClosedAgreeWithTshark(Captured c, String spooler) {
        Map<String, Integer> theirs = new HashMap<>();
        for (List<String> r : c.tshark(c.only("spoolss.opnum == 69 && dcerpc.pkt_type == 2", "ip.dst"), "ip.dst",
                "tcp.dstport", "dcerpc.nt.open_frame", "dcerpc.nt.close_frame")) {
            if (!r.get(2).isEmpty() && r.get(3).isEmpty()) {
                theirs.merge(r.get(0) + ":" + r.get(1), 1, Integer::sum);
            }
        }
        Map<String, Integer> ours = new HashMap<>();
        for (Map<String, Object> s : c.sessions()) {
            for (Map<String, Object> h : SyntheticCapturesTest.list(s, "spoolss_handles")) {
                if (h.get("closed_by") == null) {
                    ours.merge(s.get("client") + ":" + s.get("client_port"), 1, Integer::sum);
                }
            }
        }
        assertEquals(theirs, ours);
        assertEquals(2, ours.size(), "two sessions of " + spooler + " hold one handle each");
    }

    /** Trees connected, files and pipes opened, interfaces bound and logoffs are tshark's; only {@code temporary} logged off. */
    static void assertTreesPipesBindsAndLogoffsAgreeWithTshark(Captured c, Dialect d, String temporary) {
        Set<String> trees = new TreeSet<>();
        c.tshark(c.only(d.treeRequest(), "ip.src"), "ip.src", d.treeField())
                .forEach(r -> each(r.get(1), t -> trees.add(r.get(0) + " " + t)));
        Set<String> ourTrees = new TreeSet<>();
        Set<String> ourNames = new TreeSet<>();
        Set<String> ourUuids = new TreeSet<>();
        Set<String> ourLogoffs = new TreeSet<>();
        for (Map<String, Object> s : c.sessions()) {
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
        c.tshark(c.only(d.createRequest(), "ip.src"), "ip.src", d.fileField())
                .forEach(r -> each(r.get(1), n -> names.add(r.get(0) + " " + bare(n))));
        assertEquals(names, ourNames, "files and pipes");
        Set<String> uuids = new TreeSet<>();
        c.tshark(c.only("dcerpc.pkt_type == 11", "ip.src"), "ip.src", "dcerpc.cn_bind_to_uuid")
                .forEach(r -> each(r.get(1), u -> uuids.add(r.get(0) + " " + u)));
        assertEquals(uuids, ourUuids, "interfaces bound");
        Set<String> logoffs = new TreeSet<>();
        c.tshark(c.only(d.logoffDone(), "ip.dst"), "ip.dst", "tcp.dstport").forEach(r -> logoffs.add(r.get(0) + ":" + r.get(1)));
        assertEquals(logoffs, ourLogoffs, "logoffs");
        assertEquals(Set.of(temporary), new TreeSet<>(logoffs.stream().map(l -> l.substring(0, l.indexOf(':'))).toList()));
    }

    /** Each of a field's values (tshark shows some fields twice in a frame, and a bind's UUIDs, joined by '|'). */
    static void each(String values, Consumer<String> to) {
        for (String v : values.split("\\|")) {
            to.accept(v);
        }
    }

    /** A name without its leading backslashes (SMB1 requests carry "\\spoolss", SMB2 ones "spoolss"). */
    static String bare(String name) {
        return name.replaceFirst("^\\\\+", "");
    }
}
