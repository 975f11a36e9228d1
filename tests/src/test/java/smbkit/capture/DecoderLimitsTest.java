package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Scripts;

/**
 * What the first decoder left out: a bind the server rejected is not a bound interface; a compound's create
 * and the pipe I/O on its placeholder file id belong to the pipe created; IPv4 fragments are put back
 * together, and the ones never completed are said per source and destination.
 */
class DecoderLimitsTest {

    static final Synthetic.Variant V = Synthetic.Variant.PCAP_US;

    @TempDir
    Path dir;

    /** The JSON report of the packets; {@code expectedExit} -1 for "0 or 1, as long as it is a report". */
    Map<String, Object> report(List<Synthetic.Pkt> pkts, int expectedExit) throws Exception {
        Path f = Files.createTempFile(dir, "limits", ".pcap");
        Files.write(f, Synthetic.pcap(V, pkts));
        Scripts.Result r = Scripts.run("ReadCapture", f.toString(), "--format", "json");
        if (expectedExit < 0) {
            assertTrue(r.exit() == 0 || r.exit() == 1, r.err() + r.out());
        } else {
            assertEquals(expectedExit, r.exit(), r.err() + r.out());
        }
        return SyntheticCapturesTest.json(r);
    }

    static List<Synthetic.Pkt> packets(List<Synthetic.Msg> msgs) {
        return Synthetic.tcp(V, V.client(), V.server(), msgs, 1460);
    }

    static Map<String, Object> onlySession(Map<String, Object> j) {
        List<Map<String, Object>> s = SyntheticCapturesTest.list(j, "sessions");
        assertEquals(1, s.size(), s.toString());
        return s.get(0);
    }

    @Test
    void aBindTheServerRejectedIsShownRejectedNotBound() throws Exception {
        // every context rejected (provider rejection): spoolss is not bound, its calls open nothing
        Map<String, Object> j = report(packets(Synthetic.kbMessagesWithBindAnswer(Synthetic.bindAckResults(1, 2))), 0);
        Map<String, Object> s = onlySession(j);
        assertEquals(List.of(), s.get("interfaces"));
        assertEquals(List.of("spoolss"), s.get("interfaces_rejected"));
        assertEquals(List.of("12345678-1234-abcd-ef00-0123456789ab"), s.get("interface_uuids"), "offered, as tshark shows");
        assertEquals(List.of(), s.get("spoolss_handles"));
        assertTrue(SyntheticCapturesTest.list(j, "findings").stream().noneMatch(f -> "action".equals(f.get("severity"))),
                j.get("findings").toString());
    }

    @Test
    void aBindNakRejectsEveryInterfaceOffered() throws Exception {
        Map<String, Object> s = onlySession(report(packets(Synthetic.kbMessagesWithBindAnswer(Synthetic.bindNak(1))), 0));
        assertEquals(List.of(), s.get("interfaces"));
        assertEquals(List.of("spoolss"), s.get("interfaces_rejected"));
    }

    @Test
    void aTableMarksARejectedInterface() throws Exception {
        Path f = Files.createTempFile(dir, "limits", ".pcap");
        Files.write(f, Synthetic.pcap(V, packets(Synthetic.kbMessagesWithBindAnswer(Synthetic.bindNak(1)))));
        Scripts.Result r = Scripts.run("ReadCapture", f.toString());
        assertTrue(r.out().contains("spoolss (rejected)"), r.out());
    }

    @Test
    void aCompoundCreateAndWriteOnThePlaceholderIdGoToTheCreatedPipe() throws Exception {
        Map<String, Object> j = report(packets(Synthetic.kbMessagesCompound()), 1);
        Map<String, Object> s = onlySession(j);
        assertEquals(List.of("\\PIPE\\spoolss"), s.get("pipes"));
        assertEquals(List.of("spoolss"), s.get("interfaces"), "the bind went in the compound's write");
        List<Map<String, Object>> h = SyntheticCapturesTest.list(s, "spoolss_handles");
        assertEquals(1, h.size(), s.toString());
        assertEquals("RpcOpenPrinterEx", h.get(0).get("opened_by"));
        assertEquals("permanent_null_sessions", SyntheticCapturesTest.list(j, "findings").get(0).get("kind"));
    }

    @Test
    void ipv4FragmentsInAnyOrderAreReassembled() throws Exception {
        List<Synthetic.Pkt> whole = packets(Synthetic.kbMessages(false, false));
        for (boolean reverse : new boolean[] {false, true}) {
            Map<String, Object> j = report(Synthetic.fragmented(whole, 48, reverse), 1);
            assertTrue(((Number) j.get("ip_datagrams_reassembled")).longValue() >= 5, j.toString());
            assertEquals(0, ((Number) j.get("ip_fragments_lost")).longValue());
            Map<String, Object> s = onlySession(j);
            assertEquals(List.of("spoolss"), s.get("interfaces"));
            assertEquals(1, SyntheticCapturesTest.list(s, "spoolss_handles").size(), s.toString());
            assertEquals(List.of(), j.get("notes"));
        }
    }

    @Test
    void aLostFragmentIsNotedForItsSourceAndDestination() throws Exception {
        List<Synthetic.Pkt> frags = new ArrayList<>(Synthetic.fragmented(packets(Synthetic.kbMessages(false, false)), 48, false));
        int middle = -1;
        for (int i = 0; i < frags.size(); i++) {
            byte[] f = frags.get(i).frame();
            int flags = ((f[20] & 0xff) << 8) | (f[21] & 0xff);
            if ((flags & 0x1fff) != 0 && (flags & 0x2000) != 0) {
                middle = i;
                break;
            }
        }
        frags.remove(middle);
        Map<String, Object> j = report(frags, -1);
        assertTrue(((Number) j.get("ip_fragments_lost")).longValue() > 0, j.toString());
        assertTrue(j.get("notes").toString().contains("127.0.0.3 -> 127.0.0.1: "), j.get("notes").toString());
        assertTrue(j.get("notes").toString().contains("never completed"), j.get("notes").toString());
    }
}
