package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.Scripts;
import smbkit.SmbkitException;

/**
 * Damaged captures: every truncation of every shared capture, random corruption, a bad magic number, a
 * frame claiming 4 GiB, a corrupted pcapng block length, garbage where SMB should be. Each ends in one line
 * or a note, never an exception, a hang or an out-of-memory, and no decoder fails unexpectedly.
 */
class MalformedCapturesTest {

    static List<Path> shared() throws Exception {
        assumeTrue(Files.isDirectory(ThirdPartyCapturesTest.SHARED), "no ../shared/captures beside the checkout");
        return ThirdPartyCapturesTest.captures().toList();
    }

    /** The analysis of bytes: a report, or the malformed failure of a file that is no capture at all. */
    static CaptureReport analyse(byte[] b, int len) {
        return analyse(b, len, false);
    }

    /**
     * One length in 16 (and every {@code render}) the bounded path: sessions all spilled to disk and read
     * back, at most 2 connections followed (the rest evicted); with {@code render}, each view written too.
     */
    static CaptureReport analyse(byte[] b, int len, boolean render) {
        boolean bounded = render || len % 16 == 1;
        CaptureAnalysis a = bounded ? new CaptureAnalysis(null, null, java.util.Set.of(), 2, 0) : new CaptureAnalysis(null, null);
        try {
            a.read("x.pcap", new ByteArrayInputStream(b, 0, len));
        } catch (SmbkitException e) {
            assertEquals(Failure.MALFORMED_REPLY, e.failure(), e.oneLine());
            return null;
        }
        try (CaptureReport r = a.finish()) {
            assertEquals(0, r.internalErrors, "a decoder failed unexpectedly: " + r.notes);
            long read = 0;
            for (smbkit.capture.smb.SmbSession s : r.sessions) {
                read++;
            }
            assertEquals(r.sessions.size(), read, "every session read back");
            r.findings.count();
            if (render) {
                java.io.PrintWriter nowhere = new java.io.PrintWriter(java.io.Writer.nullWriter());
                for (smbkit.render.Format f : smbkit.render.Format.values()) {
                    smbkit.capture.report.CaptureView.print(r, f, nowhere);
                }
                smbkit.capture.report.CaptureHtml.render(r);
            }
            return r;
        }
    }

    @Test
    void everyTruncationOfEveryCaptureEndsInANote() throws Exception {
        List<Path> files = shared();
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                for (int len = 0; len < b.length; len++) {
                    CaptureReport r = analyse(b, len);
                    if (len >= 24) {
                        assertTrue(r != null, f + " cut at " + len + " is still a capture");
                    }
                }
                assertFalse(analyse(b, b.length).partial(), f + " whole");
            }
        });
    }

    /** The synthetic captures of every container and link layer, and one of many connections evicted. */
    static List<byte[]> synthetic() {
        List<byte[]> out = new ArrayList<>();
        for (Synthetic.Variant v : Synthetic.Variant.values()) {
            out.add(Synthetic.kbScenario(v));
        }
        List<Synthetic.Pkt> many = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.addAll(Synthetic.tcp(Synthetic.Variant.PCAP_US, "10.0.1." + (i + 1), "10.0.0.1",
                    Synthetic.kbMessages(i % 2 == 0, i % 3 == 0), 700));
        }
        out.add(Synthetic.pcap(Synthetic.Variant.PCAP_US, many));
        return out;
    }

    @Test
    void everyTruncationAndCorruptionOfTheSyntheticCapturesIsReported() {
        Random random = new Random(13);
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
            List<byte[]> all = synthetic();
            for (int k = 0; k < all.size(); k++) {
                byte[] b = all.get(k);
                // every length of the first and the last (many connections), a sample of the others
                int step = k == 0 || k == all.size() - 1 ? 1 : 5;
                for (int len = 0; len < b.length; len += step) {
                    CaptureReport r = analyse(b, len);
                    if (len >= 24) {
                        assertTrue(r != null, "cut at " + len + " is still a capture");
                    }
                }
                for (int round = 0; round < 60; round++) {
                    byte[] c = b.clone();
                    for (int i = 0; i < 1 + random.nextInt(8); i++) {
                        c[random.nextInt(c.length)] = (byte) random.nextInt(256);
                    }
                    analyse(c, c.length, round % 2 == 0);
                }
            }
        });
    }

    @Test
    void randomCorruptionNeverEscapes() throws Exception {
        List<Path> files = shared();
        Random random = new Random(328459);
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (Path f : files) {
                byte[] orig = Files.readAllBytes(f);
                for (int round = 0; round < 300; round++) {
                    byte[] b = orig.clone();
                    int changes = 1 + random.nextInt(8);
                    for (int i = 0; i < changes; i++) {
                        int at = random.nextInt(b.length);
                        switch (random.nextInt(3)) {
                            case 0 -> b[at] = (byte) random.nextInt(256);
                            case 1 -> {
                                for (int j = at; j < Math.min(b.length, at + 4); j++) {
                                    b[j] = (byte) 0xff;
                                }
                            }
                            default -> {
                                for (int j = at; j < Math.min(b.length, at + 16); j++) {
                                    b[j] = 0;
                                }
                            }
                        }
                    }
                    analyse(b, b.length, round % 3 == 0);
                }
            }
        });
    }

    @Test
    void notACaptureIsOneLineAndExit19(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "this is not a capture\n");
        Scripts.Result r = Scripts.run("ReadCapture", f.toString());
        assertEquals(19, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("not a capture file"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aMissingFileIsExit21(@TempDir Path dir) {
        Scripts.Result r = Scripts.run("ReadCapture", dir.resolve("none.pcap").toString());
        assertEquals(21, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void aFrameClaiming4GiBEndsTheFileWithANote(@TempDir Path dir) throws Exception {
        byte[] good = Synthetic.kbScenario(Synthetic.Variant.PCAP_US);
        byte[] b = new byte[good.length + 16];
        System.arraycopy(good, 0, b, 0, good.length);
        for (int i = 0; i < 4; i++) {
            b[good.length + 8 + i] = (byte) 0xff; // incl_len = 0xffffffff
        }
        Path f = dir.resolve("big.pcap");
        Files.write(f, b);
        Scripts.Result r = Scripts.run("ReadCapture", f.toString(), "--format", "json");
        assertEquals(Failure.PARTIAL.exitCode(), r.exit(), r.err());
        Map<String, Object> json = JSON.std.mapFrom(r.out());
        assertTrue(json.get("notes").toString().contains("claims 4294967295 bytes"), json.get("notes").toString());
        assertFalse(((List<?>) json.get("sessions")).isEmpty(), "the frames before it are reported");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void aCorruptedPcapngBlockLengthEndsTheFileWithANote(@TempDir Path dir) throws Exception {
        byte[] b = Synthetic.kbScenario(Synthetic.Variant.PCAPNG_TWO_INTERFACES);
        // the last block's leading length: the trailer no longer matches
        int last = b.length - (int) (((b[b.length - 1] & 0xffL) << 24) | ((b[b.length - 2] & 0xff) << 16)
                | ((b[b.length - 3] & 0xff) << 8) | (b[b.length - 4] & 0xff));
        int wrong = (b.length - last) - 4; // still a multiple of 4, but no longer the trailer's length
        b[last + 4] = (byte) wrong;
        b[last + 5] = (byte) (wrong >> 8);
        b[last + 6] = (byte) (wrong >> 16);
        b[last + 7] = (byte) (wrong >> 24);
        Path f = dir.resolve("bad.pcapng");
        Files.write(f, b);
        Scripts.Result r = Scripts.run("ReadCapture", f.toString(), "--format", "json");
        assertEquals(Failure.PARTIAL.exitCode(), r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("pcapng block at byte " + last), r.out());
    }

    @Test
    void garbageWhereSmbShouldBeIsAStreamNote(@TempDir Path dir) throws Exception {
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        Path f = dir.resolve("noise.pcap");
        Files.write(f, Synthetic.pcap(Synthetic.Variant.PCAP_US,
                Synthetic.tcp(Synthetic.Variant.PCAP_US, "10.0.0.9", "10.0.0.1", List.of(new Synthetic.Msg(true, noise)), 1460)));
        Scripts.Result r = Scripts.run("ReadCapture", f.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("bytes that are not SMB skipped"), r.out());
    }
}
