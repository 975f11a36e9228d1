package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * The requests smbkit sends over SMB1 against a capture of impacket's (NT LM 0.12 forced), both listing the
 * SMB1 lab server's sessions: tcpdump (or Wireshark's dumpcap) on lo while each client runs, then tshark's
 * dissection compared field by field. Compared: the dialect both negotiated, the SMB1 transaction framing of
 * the DCE/RPC requests (SMB_COM_TRANSACTION 0x25, setup TransactNmPipe 0x0026 with the pipe's FID, name
 * \PIPE\, parameter count 0, data count = the PDU) and the PDUs themselves (the bind to srvsvc 3.0, the
 * request with opnum 12). Not compared: what legitimately differs (MIDs, FIDs, call ids, referent ids,
 * padding), nor how each reads the reply back.
 */
@Tag("lab")
class Smb1CaptureLabTest {

    static final String SRVSVC = "4b324fc8-1670-01d3-1278-5a47bf6ee188";
    static final String NDR = "8a885d04-1ceb-11c9-9fe8-08002b104860";
    static final String[] FIELDS = {"smb.flags.response", "smb.cmd", "smb.file", "smb.trans_name", "smb_pipe.function",
        "smb.fid", "smb.sc", "smb.tpc", "smb.pc", "smb.tdc", "smb.dc", "smb.data_len_low", "dcerpc.pkt_type",
        "dcerpc.cn_frag_len", "dcerpc.opnum", "dcerpc.cn_num_ctx_items", "dcerpc.cn_bind_to_uuid", "dcerpc.cn_bind_if_ver",
        "dcerpc.cn_bind_if_ver_minor", "dcerpc.cn_bind_trans_id", "smb.dialect.name", "smb.dialect.index"};

    @TempDir
    Path tmp;

    @BeforeAll
    static void scenario() {
        Lab.smb1Scenario();
    }

    /**
     * Wireshark's dumpcap if installed (it comes with tshark, which the test needs anyway), else tcpdump, as
     * smb-capture --live chooses; null when neither is. tcpdump drops root and, stopped right after the client,
     * may not have written what its filter received.
     */
    static List<String> capturer(Path file) {
        String filter = "tcp port " + Lab.SMB1_PORT;
        if (onPath("dumpcap")) {
            return List.of("dumpcap", "-q", "-i", "lo", "-w", file.toString(), "-f", filter);
        }
        if (onPath("tcpdump")) {
            return List.of("tcpdump", "-i", "lo", "-w", file.toString(), "-U", "-Z", "root", filter);
        }
        return null;
    }

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    /**
     * Runs {@code client} with a capture of the SMB1 server's port around it; tshark's rows of its SMB
     * messages, each field's values joined by '|' (a negotiate's dialect names, an AndX chain's commands).
     */
    List<Map<String, String>> captured(String name, Runnable client) throws Exception {
        Path pcap = tmp.resolve(name + ".pcap");
        Path log = tmp.resolve(name + ".log");
        Process cap = new ProcessBuilder(capturer(pcap)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Capturing once the file has its header (both tools write it when capturing begins).
            for (int i = 0; i < 100 && !(Files.exists(pcap) && Files.size(pcap) > 0); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(pcap), "capture did not start: " + Files.readString(log));
            Thread.sleep(300);
            client.run();
            Thread.sleep(500);
        } finally {
            cap.destroy();
            cap.waitFor(10, TimeUnit.SECONDS);
        }
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-d", "tcp.port==" + Lab.SMB1_PORT + ",nbss",
                "-Y", "smb", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=|"));
        for (String f : FIELDS) {
            cmd.add("-e");
            cmd.add(f);
        }
        Proc p = Proc.run(Lab.REPO, Map.of(), 60, cmd).ok();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : p.out().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] v = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < FIELDS.length; i++) {
                row.put(FIELDS[i], i < v.length ? v[i] : "");
            }
            rows.add(row);
        }
        assertFalse(rows.isEmpty(), name + ": no SMB in the capture: " + Files.readString(log));
        return rows;
    }

    static boolean request(Map<String, String> r) {
        return "0".equals(r.get("smb.flags.response")) || "False".equalsIgnoreCase(r.get("smb.flags.response"));
    }

    static String first(Map<String, String> r, String field) {
        return r.get(field).split("\\|", -1)[0];
    }

    static Map<String, String> one(List<Map<String, String>> rows, String cmd, boolean request) {
        return rows.stream().filter(r -> cmd.equals(first(r, "smb.cmd")) && request(r) == request).findFirst()
                .orElseThrow(() -> new AssertionError("no " + cmd + (request ? " request" : " response") + ": " + rows));
    }

    /** The dialect the server chose: the negotiate response's index into the request's list of names. */
    static String negotiated(List<Map<String, String>> rows) {
        String[] offered = one(rows, "0x72", true).get("smb.dialect.name").split("\\|");
        return offered[Integer.parseInt(one(rows, "0x72", false).get("smb.dialect.index"))];
    }

    /** The FID the server gave the client's NT_CREATE_ANDX of \srvsvc. */
    static String srvsvcFid(List<Map<String, String>> rows) {
        assertTrue(one(rows, "0xa2", true).get("smb.file").toLowerCase().contains("srvsvc"), rows.toString());
        return first(one(rows, "0xa2", false), "smb.fid");
    }

    /** The DCE/RPC PDUs of a type (11 bind, 0 request) the client sent, each row with the SMB message carrying it. */
    static List<Map<String, String>> sent(List<Map<String, String>> rows, String type) {
        List<Map<String, String>> out = rows.stream().filter(r -> request(r) && type.equals(r.get("dcerpc.pkt_type"))).toList();
        assertFalse(out.isEmpty(), "no PDU of type " + type + ": " + rows);
        return out;
    }

    @Test
    void smbkitFramesItsRequestsAsTheSpecAndImpacketSay() throws Exception {
        assumeTrue(capturer(tmp.resolve("probe")) != null, "neither tcpdump nor dumpcap installed");
        assumeTrue(onPath("tshark"), "tshark not installed");
        List<Map<String, String>> ours = captured("smbkit", () -> {
            Scripts.Result r = Scripts.run("ListSessions", Lab.SMB1, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
            assertEquals(0, r.exit(), r.err());
        });
        List<Map<String, String>> theirs = captured("impacket", () -> Proc.run(Lab.REPO, "/usr/bin/python3",
                "tests/lab/impacket_sessions.py", Lab.SMB1, Lab.ADMIN_AUTH.toString(), "--smb1").ok());

        assertEquals("NT LM 0.12", negotiated(ours));
        assertEquals("NT LM 0.12", negotiated(theirs));

        // The bind: the same PDU from both (srvsvc 3.0, one context, NDR), whatever carries it.
        Map<String, String> ourBind = sent(ours, "11").get(0);
        Map<String, String> theirBind = sent(theirs, "11").get(0);
        for (String f : List.of("dcerpc.cn_frag_len", "dcerpc.cn_num_ctx_items", "dcerpc.cn_bind_to_uuid",
                "dcerpc.cn_bind_if_ver", "dcerpc.cn_bind_if_ver_minor", "dcerpc.cn_bind_trans_id")) {
            assertEquals(theirBind.get(f), ourBind.get(f), f);
        }
        assertEquals(SRVSVC, ourBind.get("dcerpc.cn_bind_to_uuid"));
        assertEquals("3", ourBind.get("dcerpc.cn_bind_if_ver"));
        assertEquals(NDR, ourBind.get("dcerpc.cn_bind_trans_id"));
        // NetrSessionEnum is opnum 12 in every request of both; smbkit first asks NetrServerGetInfo (21) once,
        // which tells Samba from Windows, so that it asks Samba's level straight away: one NetrSessionEnum.
        assertEquals(List.of("21", "12"), sent(ours, "0").stream().map(r -> r.get("dcerpc.opnum")).toList(), ours.toString());
        assertTrue(sent(theirs, "0").stream().allMatch(r -> "12".equals(r.get("dcerpc.opnum"))), theirs.toString());

        // smbkit's framing, as [MS-CIFS] 2.2.5.6 and Windows: each PDU in one SMB_COM_TRANSACTION, setup
        // TransactNmPipe (0x0026) with the pipe's FID, name \PIPE\, no parameters, the PDU as the data.
        String fid = srvsvcFid(ours);
        List<Map<String, String>> pdus = new ArrayList<>(sent(ours, "11"));
        pdus.addAll(sent(ours, "0"));
        for (Map<String, String> r : pdus) {
            assertEquals("0x25", first(r, "smb.cmd"), r.toString());
            assertEquals("\\PIPE\\", first(r, "smb.trans_name"), r.toString());
            assertEquals("2", first(r, "smb.sc"), r.toString());
            assertEquals("0x0026", first(r, "smb_pipe.function"), r.toString());
            assertEquals(fid, first(r, "smb.fid"), r.toString());
            assertEquals("0", first(r, "smb.tpc"), r.toString());
            assertEquals("0", first(r, "smb.pc"), r.toString());
            assertEquals(first(r, "dcerpc.cn_frag_len"), first(r, "smb.tdc"), r.toString());
            assertEquals(first(r, "dcerpc.cn_frag_len"), first(r, "smb.dc"), r.toString());
        }
        // impacket's, for the record: it writes each PDU with WRITE_ANDX (0x2f) on its FID and reads the reply
        // with READ_ANDX, where smbkit transacts; the PDU whole in one write.
        String theirFid = srvsvcFid(theirs);
        List<Map<String, String>> theirPdus = new ArrayList<>(sent(theirs, "11"));
        theirPdus.addAll(sent(theirs, "0"));
        for (Map<String, String> r : theirPdus) {
            assertEquals("0x2f", first(r, "smb.cmd"), r.toString());
            assertEquals(theirFid, first(r, "smb.fid"), r.toString());
            assertEquals(r.get("dcerpc.cn_frag_len"), first(r, "smb.data_len_low"), r.toString());
        }
    }
}
