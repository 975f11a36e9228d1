package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Scripts;

/**
 * Every finding a capture gives carries one of the diagnosis's kinds (smb-diagnose --capture adds them to its
 * own): temporary NULL sessions, encrypted sessions and the spooler's call-backs had none.
 */
class FindingKindsTest {

    static final Synthetic.Variant V = Synthetic.Variant.PCAP_US;
    static final long SID = 0x0000740000000011L;

    @TempDir
    Path dir;

    List<Map<String, Object>> findings(List<Synthetic.Msg> msgs) throws Exception {
        Path f = Files.createTempFile(dir, "kinds", ".pcap");
        Files.write(f, Synthetic.pcap(V, Synthetic.tcp(V, V.client(), V.server(), msgs, 1460)));
        Scripts.Result r = Scripts.run("ReadCapture", f.toString(), "--format", "json");
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        List<Map<String, Object>> fs = SyntheticCapturesTest.list(SyntheticCapturesTest.json(r), "findings");
        for (Map<String, Object> x : fs) {
            assertNotNull(x.get("kind"), "every finding has a kind: " + x);
        }
        return fs;
    }

    static List<Object> kinds(List<Map<String, Object>> fs) {
        return fs.stream().map(f -> f.get("kind")).toList();
    }

    @Test
    void aTemporaryNullSession() throws Exception {
        assertEquals(List.of("temporary_null_sessions"), kinds(findings(Synthetic.kbMessages(true, true))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFindingCarriesItsFactsAndEachRowOfEvidenceItsLine() throws Exception {
        Map<String, Object> f = findings(Synthetic.kbMessages(true, true)).get(0);
        assertEquals("capture_temporary", f.get("headline"));
        Map<String, Object> facts = (Map<String, Object>) f.get("facts");
        assertEquals(V.client(), facts.get("client"));
        assertEquals(1, facts.get("sessions"));
        assertEquals(90, facts.get("seconds"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) f.get("evidence_facts");
        assertEquals(List.of("capture_session"), rows.stream().map(r -> r.get("line")).toList());
        assertEquals("anonymous", rows.get(0).get("context"));
        assertEquals("0x" + Long.toHexString(SID), rows.get(0).get("session_id"), "as the sessions' JSON writes it");
        assertEquals(((List<?>) f.get("evidence")).size(), rows.size());
    }

    @Test
    void anEncryptedSession() throws Exception {
        List<Synthetic.Msg> m = new ArrayList<>(Synthetic.kbMessages(false, false).subList(0, 4));
        java.nio.ByteBuffer t = Synthetic.le(52 + 32);
        t.put(new byte[] {(byte) 0xFD, 'S', 'M', 'B'}).put(new byte[32]).putInt(32).putShort((short) 0)
                .putShort((short) 1).putLong(SID).put(new byte[32]);
        m.add(new Synthetic.Msg(true, t.array()));
        assertTrue(kinds(findings(m)).contains("encrypted_sessions"));
    }

    @Test
    void aSpoolerCallBack() throws Exception {
        List<Synthetic.Msg> m = new ArrayList<>(Synthetic.kbMessages(true, false));
        ByteArrayOutputStream stub = new ByteArrayOutputStream();
        Synthetic.ndrString(stub, "\\\\CLIENT3");
        Synthetic.u32(stub, 1); // printer
        Synthetic.u32(stub, 1); // type
        Synthetic.u32(stub, 0); // cbBuffer
        Synthetic.u32(stub, 0); // pBuffer
        long tid = 5;
        long fid = 0x99;
        m.add(new Synthetic.Msg(true, Synthetic.smb2(5, false, 0, 20, SID, tid, Synthetic.create("spoolss"))));
        m.add(new Synthetic.Msg(false, Synthetic.smb2(5, true, 0, 20, SID, tid, Synthetic.createResponse(fid))));
        m.add(new Synthetic.Msg(true, Synthetic.smb2(9, false, 0, 21, SID, tid, Synthetic.write(fid,
                Synthetic.bind(7, "12345678-1234-abcd-ef00-0123456789ab", 1)))));
        m.add(new Synthetic.Msg(false, Synthetic.smb2(9, true, 0, 21, SID, tid, Synthetic.le(16).putShort((short) 17).array())));
        m.add(new Synthetic.Msg(true, Synthetic.smb2(8, false, 0, 22, SID, tid, Synthetic.read(fid))));
        m.add(new Synthetic.Msg(false, Synthetic.smb2(8, true, 0, 22, SID, tid, Synthetic.readResponse(Synthetic.bindAck(7)))));
        m.add(new Synthetic.Msg(true, Synthetic.smb2(9, false, 0, 23, SID, tid, Synthetic.write(fid,
                Synthetic.request(8, 58, stub.toByteArray())))));
        m.add(new Synthetic.Msg(false, Synthetic.smb2(9, true, 0, 23, SID, tid, Synthetic.le(16).putShort((short) 17).array())));
        m.add(new Synthetic.Msg(true, Synthetic.smb2(8, false, 0, 24, SID, tid, Synthetic.read(fid))));
        m.add(new Synthetic.Msg(false, Synthetic.smb2(8, true, 0, 24, SID, tid,
                Synthetic.readResponse(Synthetic.response(8, Synthetic.handleAndStatus())))));
        assertTrue(kinds(findings(m)).contains("spooler_callbacks"), findings(m).toString());
    }
}
