package smbkit.capture.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capture file frame by frame, classic pcap (the four magic numbers: micro- or nanosecond
 * timestamps, either byte order) or pcapng (sections in either byte order, several interfaces with their own
 * link types and timestamp resolutions, unknown blocks skipped). Streaming: one frame in memory at a time,
 * each at most {@link #MAX_FRAME} bytes, so memory stays flat whatever the file's size.
 *
 * <p>{@link #next()} returns null at the end of the file; a file that ends inside a record sets
 * {@link #truncation()} instead of failing. A record that contradicts itself (a length no capture tool
 * writes) throws {@link Malformed} with the byte offset: the frames before it have been delivered.
 */
public final class CaptureFile implements Closeable {

    /** The largest frame a capture tool writes (tcpdump's and dumpcap's maximum snapshot length). */
    public static final int MAX_FRAME = 262_144;
    /** pcapng blocks other than packets (section headers, interface descriptions, names) are small. */
    static final int MAX_META_BLOCK = 1 << 20;

    public enum Kind { PCAP, PCAPNG }

    private final InputStream in;
    private final Kind kind;
    private long offset;
    private long frames;
    private String truncation;

    // classic pcap
    private boolean bigEndian;
    private boolean nanos;
    private int pcapLinkType;

    // pcapng: the current section's interfaces
    private record Interface(int linkType, long unitsPerSecond, int snapLength) {}

    private final List<Interface> interfaces = new ArrayList<>();

    private CaptureFile(InputStream in) throws IOException {
        this.in = in;
        byte[] magic = new byte[4];
        int n = in.readNBytes(magic, 0, 4);
        if (n < 4) {
            throw new Malformed("not a capture file: " + n + " bytes");
        }
        offset = 4;
        long le = u32(magic, 0, false);
        if (le == 0x0A0D0D0AL) {
            kind = Kind.PCAPNG;
            readSectionHeader();
            return;
        }
        kind = Kind.PCAP;
        if (le == 0xA1B2C3D4L || le == 0xA1B23C4DL) {
            bigEndian = false;
        } else if (le == 0xD4C3B2A1L || le == 0x4D3CB2A1L) {
            bigEndian = true;
        } else {
            throw new Malformed(String.format("not a pcap or pcapng file (magic number %08x)", le));
        }
        nanos = le == 0xA1B23C4DL || le == 0x4D3CB2A1L;
        byte[] h = readOrNull(20);
        if (h == null) {
            throw new Malformed("pcap header cut short");
        }
        pcapLinkType = (int) (u32(h, 16, bigEndian) & 0xFFFF);
    }

    /** Bytes read from the file so far: how far a reader is, for a progress bar. */
    public long offset() {
        return offset;
    }

    public static CaptureFile open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new CaptureFile(in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static CaptureFile of(InputStream in) throws IOException {
        return new CaptureFile(in);
    }

    public Kind kind() {
        return kind;
    }

    /** Null, or how the file ended inside a record (a capture cut off while it was written, say). */
    public String truncation() {
        return truncation;
    }

    /** The next frame, or null at the end (or at a truncation). */
    public Frame next() throws IOException {
        return kind == Kind.PCAP ? nextPcap() : nextPcapng();
    }

    private Frame nextPcap() throws IOException {
        long at = offset;
        byte[] h = readOrNull(16, true);
        if (h == null) {
            return null;
        }
        long sec = u32(h, 0, bigEndian);
        long frac = u32(h, 4, bigEndian);
        long incl = u32(h, 8, bigEndian);
        long orig = u32(h, 12, bigEndian);
        if (incl > MAX_FRAME) {
            throw new Malformed("frame " + (frames + 1) + " at byte " + at + " claims " + incl + " bytes (at most "
                    + MAX_FRAME + " are ever captured)");
        }
        byte[] data = readOrNull((int) incl);
        if (data == null) {
            return null;
        }
        frames++;
        long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        return new Frame(frames, pcapLinkType, t, data, (int) Math.min(Integer.MAX_VALUE, Math.max(orig, incl)));
    }

    private Frame nextPcapng() throws IOException {
        while (true) {
            long at = offset;
            byte[] h = readOrNull(8, true);
            if (h == null) {
                return null;
            }
            long type = u32(h, 0, bigEndian);
            long total = u32(h, 4, bigEndian);
            if (type == 0x0A0D0D0AL) {
                // a new section: its byte order may differ, so its length is read after the byte-order magic
                readSectionHeaderAfterType(h);
                continue;
            }
            if (total < 12 || total % 4 != 0) {
                throw new Malformed("pcapng block at byte " + at + " has length " + total);
            }
            boolean packet = type == 6 || type == 3 || type == 2;
            if (!packet && type != 1) {
                if (!skip(total - 8)) {
                    return null;
                }
                continue;
            }
            if (total > (packet ? MAX_FRAME + 1024 : MAX_META_BLOCK)) {
                throw new Malformed("pcapng block at byte " + at + " claims " + total + " bytes");
            }
            byte[] body = readOrNull((int) total - 8);
            if (body == null) {
                return null;
            }
            long trailer = u32(body, body.length - 4, bigEndian);
            if (trailer != total) {
                throw new Malformed("pcapng block at byte " + at + ": length " + total + " at its start, " + trailer
                        + " at its end");
            }
            int bodyLen = body.length - 4;
            if (type == 1) {
                addInterface(body, bodyLen, at);
                continue;
            }
            Frame f = packetBlock(type, body, bodyLen, at);
            if (f != null) {
                return f;
            }
        }
    }

    private void readSectionHeader() throws IOException {
        byte[] rest = readOrNull(4);
        if (rest == null) {
            throw new Malformed("pcapng section header cut short");
        }
        byte[] h = new byte[8];
        h[0] = 0x0A;
        h[1] = 0x0D;
        h[2] = 0x0D;
        h[3] = 0x0A;
        System.arraycopy(rest, 0, h, 4, 4);
        readSectionHeaderAfterType(h);
    }

    /** h holds the block type and the (not yet interpreted) total length. */
    private void readSectionHeaderAfterType(byte[] h) throws IOException {
        long at = offset - 8;
        byte[] bom = readOrNull(4);
        if (bom == null) {
            if (frames == 0) {
                throw new Malformed("pcapng section header cut short");
            }
            return;
        }
        long m = u32(bom, 0, false);
        if (m == 0x1A2B3C4DL) {
            bigEndian = false;
        } else if (m == 0x4D3C2B1AL) {
            bigEndian = true;
        } else {
            throw new Malformed(String.format("pcapng section at byte %d has byte-order magic %08x", at, m));
        }
        long total = u32(h, 4, bigEndian);
        if (total < 28 || total % 4 != 0 || total > MAX_META_BLOCK) {
            throw new Malformed("pcapng section header at byte " + at + " has length " + total);
        }
        interfaces.clear();
        skip(total - 12);
    }

    private void addInterface(byte[] b, int len, long at) {
        if (len < 8) {
            throw new Malformed("pcapng interface description at byte " + at + " is " + len + " bytes");
        }
        int linkType = u16(b, 0, bigEndian);
        int snap = (int) Math.min(Integer.MAX_VALUE, u32(b, 4, bigEndian));
        long units = 1_000_000L;
        int o = 8;
        while (o + 4 <= len) {
            int code = u16(b, o, bigEndian);
            int olen = u16(b, o + 2, bigEndian);
            if (code == 0 || o + 4 + olen > len) {
                break;
            }
            if (code == 9 && olen >= 1) {
                int r = b[o + 4] & 0xff;
                int exp = r & 0x7f;
                if ((r & 0x80) == 0) {
                    units = exp > 18 ? 1_000_000_000_000_000_000L : pow(10, exp);
                } else {
                    units = exp > 62 ? Long.MAX_VALUE : 1L << exp;
                }
                if (units <= 0) {
                    units = 1;
                }
            }
            o += 4 + ((olen + 3) & ~3);
        }
        interfaces.add(new Interface(linkType, units, snap));
    }

    private static long pow(long base, int exp) {
        long r = 1;
        for (int i = 0; i < exp; i++) {
            r *= base;
        }
        return r;
    }

    private Frame packetBlock(long type, byte[] b, int len, long at) {
        int ifId;
        long tsHigh;
        long tsLow;
        long caplen;
        long orig;
        int dataAt;
        if (type == 6 || type == 2) {
            if (len < 20) {
                throw new Malformed("pcapng packet block at byte " + at + " is " + len + " bytes");
            }
            ifId = type == 6 ? (int) u32(b, 0, bigEndian) : u16(b, 0, bigEndian);
            tsHigh = u32(b, 4, bigEndian);
            tsLow = u32(b, 8, bigEndian);
            caplen = u32(b, 12, bigEndian);
            orig = u32(b, 16, bigEndian);
            dataAt = 20;
        } else {
            if (len < 4) {
                throw new Malformed("pcapng simple packet block at byte " + at + " is " + len + " bytes");
            }
            ifId = 0;
            tsHigh = 0;
            tsLow = 0;
            orig = u32(b, 0, bigEndian);
            dataAt = 4;
            caplen = Math.min(orig, len - 4);
            if (!interfaces.isEmpty() && interfaces.get(0).snapLength() > 0) {
                caplen = Math.min(caplen, interfaces.get(0).snapLength());
            }
        }
        if (ifId < 0 || ifId >= interfaces.size()) {
            throw new Malformed("pcapng packet block at byte " + at + " names interface " + ifId + " of "
                    + interfaces.size());
        }
        if (caplen > len - dataAt) {
            throw new Malformed("pcapng packet block at byte " + at + " claims " + caplen + " bytes in a block of " + len);
        }
        Interface itf = interfaces.get(ifId);
        long ts = tsHigh << 32 | tsLow;
        long units = itf.unitsPerSecond();
        long nanosTime;
        if (units == 1_000_000_000L) {
            nanosTime = ts;
        } else if (1_000_000_000L % units == 0) {
            nanosTime = ts * (1_000_000_000L / units);
        } else {
            nanosTime = (ts / units) * 1_000_000_000L + (long) ((ts % units) * (1e9 / units));
        }
        byte[] data = new byte[(int) caplen];
        System.arraycopy(b, dataAt, data, 0, (int) caplen);
        frames++;
        return new Frame(frames, itf.linkType(), nanosTime, data, (int) Math.min(Integer.MAX_VALUE, Math.max(orig, caplen)));
    }

    /** Reads n bytes, or records the truncation and returns null when the file ends first. */
    private byte[] readOrNull(int n) throws IOException {
        return readOrNull(n, false);
    }

    /** Reads n bytes; a file ending first is a truncation, unless it ends cleanly before a record (boundary). */
    private byte[] readOrNull(int n, boolean boundary) throws IOException {
        byte[] b = new byte[n];
        int got = in.readNBytes(b, 0, n);
        offset += got;
        if (got < n) {
            if (got > 0 || !boundary) {
                truncation = "the file ends inside a record at byte " + offset + " (cut off while it was written?)";
            }
            return null;
        }
        return b;
    }

    private boolean skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    truncation = "the file ends inside a block at byte " + offset;
                    return false;
                }
                s = 1;
            }
            left -= s;
            offset += s;
        }
        return true;
    }

    static long u32(byte[] b, int o, boolean be) {
        if (be) {
            return (b[o] & 0xffL) << 24 | (b[o + 1] & 0xffL) << 16 | (b[o + 2] & 0xffL) << 8 | (b[o + 3] & 0xffL);
        }
        return (b[o] & 0xffL) | (b[o + 1] & 0xffL) << 8 | (b[o + 2] & 0xffL) << 16 | (b[o + 3] & 0xffL) << 24;
    }

    static int u16(byte[] b, int o, boolean be) {
        return be ? (b[o] & 0xff) << 8 | (b[o + 1] & 0xff) : (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

}
