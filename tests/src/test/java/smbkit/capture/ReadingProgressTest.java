package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Scripts;

/** Reading a large capture is a long wait: smb-capture shows how many MiB of the files it has read (issue 15). */
class ReadingProgressTest {

    @TempDir
    Path tmp;

    @AfterEach
    void unforce() {
        System.clearProperty("smbkit.progress");
    }

    /** A classic pcap of {@code frames} Ethernet frames of 1,000 bytes that are not IP (nothing to decode). */
    static Path pcap(Path file, int frames) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(h.array());
            byte[] frame = new byte[1000];
            frame[12] = 0x08; // EtherType 0x0806, ARP
            frame[13] = 0x06;
            for (int i = 0; i < frames; i++) {
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                r.putInt(1_700_000_000 + i).putInt(0).putInt(frame.length).putInt(frame.length);
                out.write(r.array());
                out.write(frame);
            }
        }
        return file;
    }

    @Test
    void aForcedBarCountsTheMebibytesRead() throws IOException {
        Path file = pcap(tmp.resolve("big.pcap"), 4200); // 4,267,224 bytes: 4 MiB
        System.setProperty("smbkit.progress", "always");
        Scripts.Result r = Scripts.run("ReadCapture", file.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("Reading") && r.err().contains("4/4"), r.err());
        assertFalse(r.out().contains("4/4"), "the bar is not in the JSON");
        System.setProperty("smbkit.progress", "never");
        assertFalse(Scripts.run("ReadCapture", file.toString(), "--format", "json").err().contains("4/4"));
    }
}
