package smbkit.capture.pcap;

import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked view of a byte array, little-endian unless told otherwise: every read past the end of the
 * view throws {@link Malformed} instead of reading a neighbour's bytes.
 */
public final class Bytes {

    private final byte[] a;
    private final int start;
    private final int end;

    public Bytes(byte[] a) {
        this(a, 0, a.length);
    }

    public Bytes(byte[] a, int start, int end) {
        if (start < 0 || end > a.length || start > end) {
            throw new Malformed("range " + start + ".." + end + " outside " + a.length + " bytes");
        }
        this.a = a;
        this.start = start;
        this.end = end;
    }

    public int length() {
        return end - start;
    }

    public byte[] array() {
        return a;
    }

    public int offset() {
        return start;
    }

    private int at(int off, int n) {
        if (off < 0 || n < 0 || (long) off + n > length()) {
            throw new Malformed("read of " + n + " bytes at " + off + " past the end (" + length() + ")");
        }
        return start + off;
    }

    public boolean has(int off, int n) {
        return off >= 0 && n >= 0 && (long) off + n <= length();
    }

    public int u8(int off) {
        return a[at(off, 1)] & 0xff;
    }

    public int u16(int off) {
        int i = at(off, 2);
        return (a[i] & 0xff) | (a[i + 1] & 0xff) << 8;
    }

    public int u16be(int off) {
        int i = at(off, 2);
        return (a[i] & 0xff) << 8 | (a[i + 1] & 0xff);
    }

    public long u32(int off) {
        int i = at(off, 4);
        return ((a[i] & 0xffL) | (a[i + 1] & 0xffL) << 8 | (a[i + 2] & 0xffL) << 16 | (a[i + 3] & 0xffL) << 24);
    }

    public long u32be(int off) {
        int i = at(off, 4);
        return ((a[i] & 0xffL) << 24 | (a[i + 1] & 0xffL) << 16 | (a[i + 2] & 0xffL) << 8 | (a[i + 3] & 0xffL));
    }

    public long u32(int off, boolean bigEndian) {
        return bigEndian ? u32be(off) : u32(off);
    }

    public int u16(int off, boolean bigEndian) {
        return bigEndian ? u16be(off) : u16(off);
    }

    public long u64(int off) {
        return u32(off) | u32(off + 4) << 32;
    }

    /** A 32-bit length or offset that must fit an int. */
    public int len32(int off) {
        long v = u32(off);
        if (v > Integer.MAX_VALUE) {
            throw new Malformed("length " + v + " at " + off);
        }
        return (int) v;
    }

    public Bytes slice(int off, int n) {
        int i = at(off, n);
        return new Bytes(a, i, i + n);
    }

    public Bytes from(int off) {
        return slice(off, length() - off);
    }

    public byte[] copy(int off, int n) {
        int i = at(off, n);
        byte[] c = new byte[n];
        System.arraycopy(a, i, c, 0, n);
        return c;
    }

    public byte[] copy() {
        return copy(0, length());
    }

    public String utf16(int off, int n) {
        int i = at(off, n);
        String s = new String(a, i, n & ~1, StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul >= 0 ? s.substring(0, nul) : s;
    }

    /** A NUL-terminated UTF-16LE string starting at off, bounded by the view. */
    public String utf16z(int off) {
        int i = off;
        while (i + 1 < length() && (u8(i) != 0 || u8(i + 1) != 0)) {
            i += 2;
        }
        return utf16(off, Math.max(0, i - off));
    }

    /** A NUL-terminated 8-bit string starting at off, bounded by the view. */
    public String asciiz(int off) {
        int i = off;
        while (i < length() && u8(i) != 0) {
            i++;
        }
        at(off, i - off);
        return new String(a, start + off, i - off, StandardCharsets.ISO_8859_1);
    }

    public int indexOf(byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= length(); i++) {
            for (int j = 0; j < needle.length; j++) {
                if (a[start + i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }
}
