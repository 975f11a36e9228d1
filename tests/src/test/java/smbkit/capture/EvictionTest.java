package smbkit.capture;

import smbkit.render.FindingText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.capture.net.TcpStreams;


import smbkit.capture.smb.SmbSession;
import smbkit.kb.Finding;

/**
 * More TCP connections open at once than the reader follows ({@link TcpStreams#MAX_CONNECTIONS}): 70,000
 * SMB2 NULL session set-ups from 7 clients, none closed, written to a temporary pcap as they are made. The
 * reader keeps its state bounded (the longest idle connections evicted, the sessions spilled to disk), runs in
 * a JVM of 96 MiB, and every session is still counted, the evicted ones as "still open, evicted".
 */
class EvictionTest {

    static final int CONNECTIONS = 70_000;
    static final int CLIENTS = 7;
    static final Synthetic.Variant V = Synthetic.Variant.PCAP_US;

    @TempDir
    static Path dir;
    static Path capture;

    static String client(int i) {
        return "10.9.0." + (1 + i % CLIENTS);
    }

    @BeforeAll
    static void write() throws IOException {
        capture = dir.resolve("many.pcap");
        long sid = 0x0000550000000001L;
        byte[] negotiate = Synthetic.smb2(0, false, 0, 0, 0, 0, new byte[] {36, 0, 1, 0});
        byte[] negotiated = Synthetic.smb2(0, true, 0, 0, 0, 0,
                Synthetic.le(8).putShort((short) 65).putShort((short) 1).putShort((short) 0x0311).array());
        byte[] setup = Synthetic.smb2(1, false, 0, 1, 0, 0,
                Synthetic.sessionSetupRequest(Synthetic.ntlmAuthenticate("", "", "MANY", new byte[0])));
        byte[] setupOk = Synthetic.smb2(1, true, 0, 1, sid, 0,
                Synthetic.le(8).putShort((short) 9).putShort((short) 0).putShort((short) 0).putShort((short) 0).array());
        List<Synthetic.Msg> msgs = List.of(new Synthetic.Msg(true, negotiate), new Synthetic.Msg(false, negotiated),
                new Synthetic.Msg(true, setup), new Synthetic.Msg(false, setupOk));
        long t = 1_700_000_000_000_000_000L;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(capture), 1 << 16)) {
            o.write(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xA1B2C3D4).putShort((short) 2)
                    .putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(V.linkType()).array());
            for (int i = 0; i < CONNECTIONS; i++) {
                String c = client(i);
                int port = 1024 + i / CLIENTS;
                long cseq = 1000;
                long sseq = 5000;
                t += 1_000_000; // 1 ms apart: the first ones are the longest idle
                packet(o, t, Synthetic.tcpIp(V, c, port, V.server(), 445, cseq - 1, 0, 0x02, new byte[0]));
                packet(o, t, Synthetic.tcpIp(V, V.server(), 445, c, port, sseq - 1, cseq, 0x12, new byte[0]));
                for (Synthetic.Msg m : msgs) {
                    byte[] framed = new byte[4 + m.smb().length];
                    framed[2] = (byte) (m.smb().length >> 8);
                    framed[3] = (byte) m.smb().length;
                    System.arraycopy(m.smb(), 0, framed, 4, m.smb().length);
                    if (m.toServer()) {
                        packet(o, t, Synthetic.tcpIp(V, c, port, V.server(), 445, cseq, sseq, 0x18, framed));
                        cseq += framed.length;
                    } else {
                        packet(o, t, Synthetic.tcpIp(V, V.server(), 445, c, port, sseq, cseq, 0x18, framed));
                        sseq += framed.length;
                    }
                }
            }
        }
    }

    static void packet(OutputStream o, long t, byte[] ip) throws IOException {
        byte[] frame = Synthetic.link(V, ip);
        o.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt((int) (t / 1_000_000_000L))
                .putInt((int) (t % 1_000_000_000L / 1000)).putInt(frame.length).putInt(frame.length).array());
        o.write(frame);
    }

    @Test
    void everySessionIsCountedTheEvictedOnesAsStillOpen() {
        CaptureAnalysis a = new CaptureAnalysis(null, null, Set.of());
        a.read(capture);
        try (CaptureReport r = a.finish()) {
            assertEquals(CONNECTIONS, r.connections);
            assertTrue(r.peakConnections <= TcpStreams.MAX_CONNECTIONS, "state bounded: " + r.peakConnections);
            assertEquals(CONNECTIONS - TcpStreams.MAX_CONNECTIONS, r.connectionsEvicted);
            assertEquals(CONNECTIONS, r.sessions.size());
            assertTrue(r.sessions.spilled() > 0, "the sessions past the first few thousand are on disk");
            long evicted = 0;
            long anonymous = 0;
            for (SmbSession s : r.sessions) {
                if (s.evicted) {
                    evicted++;
                    assertEquals("still open, evicted", s.endText());
                }
                assertEquals(null, s.endNanos);
                anonymous += s.anonymous() ? 1 : 0;
            }
            assertEquals(r.connectionsEvicted, evicted, "one session per connection evicted");
            assertEquals(CONNECTIONS, anonymous);
            assertTrue(r.notes.stream().map(smbkit.capture.report.NoteText::text)
                    .anyMatch(n -> n.startsWith(r.connectionsEvicted + " idle connections evicted")),
                    r.notes.toString());
            // the findings count every session, and name at most Findings.EVIDENCE of them each
            List<Finding> findings = r.findings.list();
            assertEquals(CLIENTS, findings.size(), findings.toString());
            long counted = 0;
            for (Finding f : findings) {
                assertEquals(Finding.Kind.YOUNG_NULL_SESSIONS, f.kind());
                long n = Long.parseLong(FindingText.title(f).split(" ")[2]);
                counted += n;
                assertEquals(Findings.EVIDENCE + 1, FindingText.evidence(f).size());
                assertEquals("and " + (n - Findings.EVIDENCE) + " more sessions", FindingText.evidence(f).get(Findings.EVIDENCE));
            }
            assertEquals(CONNECTIONS, counted);
        }
    }

    @Test
    void aSmallHeapIsEnough() throws Exception {
        Path out = dir.resolve("many.csv");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "ReadCapture",
                capture.toString(), "--format", "csv"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("many.err").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        String err = Files.readString(dir.resolve("many.err"));
        assertEquals(0, p.exitValue(), err);
        long rows;
        long evicted;
        try (var lines = Files.lines(out)) {
            Map<Boolean, Long> byEvicted = lines.skip(1).collect(java.util.stream.Collectors.partitioningBy(
                    l -> l.contains("still open, evicted"), java.util.stream.Collectors.counting()));
            evicted = byEvicted.get(true);
            rows = evicted + byEvicted.get(false);
        }
        assertEquals(CONNECTIONS, rows, err);
        assertEquals(CONNECTIONS - TcpStreams.MAX_CONNECTIONS, evicted);
    }
}
