package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Scripts;

/**
 * The KB's scenario (a NULL session on IPC$ binding spoolss and opening a printer it never closes) in every
 * container, link layer and address family, and through TCP's troubles: out-of-order segments,
 * retransmissions, a lost segment, a capture that starts mid-stream.
 */
class SyntheticCapturesTest {

    @TempDir
    Path dir;

    Scripts.Result run(byte[] capture, String... extra) throws Exception {
        Path f = Files.createTempFile(dir, "kb", ".pcap");
        Files.write(f, capture);
        List<String> args = new ArrayList<>(List.of(f.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        return Scripts.run("ReadCapture", args.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    static Map<String, Object> json(Scripts.Result r) throws Exception {
        return JSON.std.mapFrom(r.out());
    }

    /** The scenario's session, handle and finding, whatever carried it. */
    static void assertKbScenario(Synthetic.Variant v, Scripts.Result r) throws Exception {
        assertEquals(1, r.exit(), v + ": findings call for action: " + r.err() + r.out());
        Map<String, Object> j = json(r);
        List<Map<String, Object>> sessions = list(j, "sessions");
        assertEquals(1, sessions.size(), v + ": " + sessions);
        Map<String, Object> s = sessions.get(0);
        assertEquals(v.client(), s.get("client"));
        assertEquals(v.server(), s.get("server"));
        assertEquals("0x740000000011", s.get("session_id"));
        assertEquals("3.1.1", s.get("dialect"));
        assertEquals("anonymous", s.get("auth"));
        assertEquals("", s.get("user"));
        assertEquals("CLIENT3", s.get("workstation"));
        assertEquals("open at capture end", s.get("end_reason"));
        assertEquals(List.of("\\\\127.0.0.1\\IPC$"), s.get("trees"));
        assertEquals(List.of("\\PIPE\\spoolss"), s.get("pipes"));
        assertEquals(List.of("spoolss"), s.get("interfaces"));
        List<Map<String, Object>> handles = list(s, "spoolss_handles");
        assertEquals(1, handles.size());
        Map<String, Object> h = handles.get(0);
        assertEquals("RpcOpenPrinterEx", h.get("opened_by"));
        assertEquals("\\\\127.0.0.1", h.get("printer"));
        assertEquals("\\\\CLIENT3", h.get("client_machine"));
        assertEquals("SYSTEM", h.get("client_user"));
        assertNull(h.get("closed_by"));
        Map<String, Object> f = list(j, "findings").get(0);
        assertEquals("action", f.get("severity"));
        assertEquals(v.client() + " opened 1 anonymous session to IPC$, bound spoolss, called RpcOpenPrinterEx and never"
                + " closed the handle: the print spooler holds them (KB 328459 cause); Method 2 on " + v.client(), f.get("title"));
        assertEquals("smb-printer-shares " + v.client(), f.get("command"));
    }

    @ParameterizedTest
    @EnumSource(Synthetic.Variant.class)
    void theKbScenarioInEveryContainerAndLinkLayer(Synthetic.Variant v) throws Exception {
        Scripts.Result r = run(Synthetic.kbScenario(v));
        assertKbScenario(v, r);
        assertTrue(list(json(r), "notes").isEmpty(), list(json(r), "notes").toString());
    }

    @Test
    void aTableNamesTheClientAndTheHandle() throws Exception {
        Path f = Files.createTempFile(dir, "kb", ".pcap");
        Files.write(f, Synthetic.kbScenario(Synthetic.Variant.PCAP_US));
        Scripts.Result r = Scripts.run("ReadCapture", f.toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("Method 2 on 127.0.0.3"), r.out());
        assertTrue(r.out().contains("never (held)"), r.out());
        Scripts.Result csv = Scripts.run("ReadCapture", f.toString(), "--format", "csv");
        assertTrue(csv.out().startsWith("client,client_port,server,session_id"), csv.out());
    }

    @Test
    void outOfOrderAndRetransmittedSegmentsGiveTheSameReport() throws Exception {
        Synthetic.Variant v = Synthetic.Variant.PCAP_US;
        List<Synthetic.Pkt> pkts = Synthetic.tcp(v, v.client(), v.server(), Synthetic.kbMessages(false, false), 7);
        List<Synthetic.Pkt> mixed = new ArrayList<>(pkts.subList(0, 2));
        Random random = new Random(445);
        List<Synthetic.Pkt> rest = new ArrayList<>(pkts.subList(2, pkts.size()));
        for (int at = 0; at < rest.size(); at += 16) {
            List<Synthetic.Pkt> window = new ArrayList<>(rest.subList(at, Math.min(rest.size(), at + 16)));
            Collections.shuffle(window, random);
            for (Synthetic.Pkt p : window) {
                mixed.add(p);
                if (random.nextInt(5) == 0) {
                    mixed.add(p); // retransmitted
                }
            }
        }
        assertKbScenario(v, run(Synthetic.pcap(v, mixed)));
    }

    @Test
    void aLostSegmentIsAGapNotedPerStreamAndDecodingResumes() throws Exception {
        Synthetic.Variant v = Synthetic.Variant.PCAP_US;
        List<Synthetic.Pkt> pkts = new ArrayList<>(Synthetic.tcp(v, v.client(), v.server(), Synthetic.kbMessages(false, false), 1460));
        pkts.remove(6); // the tree connect request: its message is lost, the rest decodes
        Scripts.Result r = run(Synthetic.pcap(v, pkts));
        Map<String, Object> j = json(r);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        assertTrue(j.get("notes").toString().contains("bytes never captured in 1 gap"), j.get("notes").toString());
        Map<String, Object> s = list(j, "sessions").get(0);
        assertEquals("anonymous", s.get("auth"));
    }

    @Test
    void aCaptureThatStartsMidStreamPicksUpAtTheNextMessage() throws Exception {
        Synthetic.Variant v = Synthetic.Variant.PCAP_US;
        List<Synthetic.Pkt> pkts = Synthetic.tcp(v, v.client(), v.server(), Synthetic.kbMessages(true, true), 1460);
        // no SYN, and the capture starts inside the first message of the session set-up's response
        List<Synthetic.Pkt> late = new ArrayList<>(pkts.subList(5, pkts.size()));
        Scripts.Result r = run(Synthetic.pcap(v, late));
        Map<String, Object> j = json(r);
        assertEquals(0, r.exit(), r.err());
        assertTrue(j.get("notes").toString().contains("the capture starts inside this connection"), j.toString());
        Map<String, Object> s = list(j, "sessions").get(0);
        assertEquals("logoff", s.get("end_reason"));
        assertNull(s.get("auth"), "the set-up was not captured");
        assertEquals(List.of("\\PIPE\\spoolss"), s.get("pipes"));
    }

    @Test
    void aClosedHandleAndALogoffAreATemporaryNullSession() throws Exception {
        Synthetic.Variant v = Synthetic.Variant.PCAP_US;
        Scripts.Result r = run(Synthetic.pcap(v, Synthetic.tcp(v, v.client(), v.server(), Synthetic.kbMessages(true, true), 1460)));
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> j = json(r);
        Map<String, Object> s = list(j, "sessions").get(0);
        assertEquals("logoff", s.get("end_reason"));
        Map<String, Object> h = list(s, "spoolss_handles").get(0);
        assertEquals("RpcClosePrinter", h.get("closed_by"));
        List<Map<String, Object>> findings = list(j, "findings");
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("info", findings.get(0).get("severity"));
        assertTrue(findings.get(0).get("title").toString().contains("1 temporary anonymous session that ended within 90 s"));
    }

    @Test
    void theClientFilterKeepsOnlyThatClient() throws Exception {
        byte[] kb = Synthetic.kbScenario(Synthetic.Variant.PCAP_US);
        Scripts.Result other = run(kb, "--client", "127.0.0.9");
        assertEquals(0, other.exit(), other.err());
        assertTrue(list(json(other), "sessions").isEmpty());
        assertKbScenario(Synthetic.Variant.PCAP_US, run(kb, "--client", "127.0.0.3", "--server", "127.0.0.1"));
        Scripts.Result v6 = run(Synthetic.kbScenario(Synthetic.Variant.IPV6), "--client", "FD00:0:0::3");
        assertKbScenario(Synthetic.Variant.IPV6, v6);
        Scripts.Result name = run(kb, "--client", "printhost");
        assertEquals(2, name.exit(), name.err());
        assertFalse(name.err().contains("Exception"), name.err());
    }
}
