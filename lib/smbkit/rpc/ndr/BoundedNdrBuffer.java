package smbkit.rpc.ndr;

import java.nio.charset.StandardCharsets;

import jcifs.dcerpc.ndr.NdrBuffer;

/**
 * jcifs-ng's NdrBuffer with a hard end. jcifs reads replies from pooled buffers larger than the reply
 * and checks no bounds, so a bad count would read stale bytes or throw ArrayIndexOutOfBounds; here
 * every read checks that the bytes are really in the reply first.
 */
public final class BoundedNdrBuffer extends NdrBuffer {

    /** Wide strings longer than this are not names or paths: refuse them rather than allocate. */
    private static final int MAX_STRING_CHARS = 32 * 1024;

    private final int limit;

    /** Reads {@code buf[start, limit)}; alignment is relative to {@code start}. */
    public BoundedNdrBuffer(byte[] buf, int start, int limit) {
        super(buf, start);
        if (start < 0 || limit < start || limit > buf.length) {
            throw new MalformedReplyException("reply length " + (limit - start) + " is out of range");
        }
        this.limit = limit;
    }

    public static BoundedNdrBuffer of(byte[] stub) {
        return new BoundedNdrBuffer(stub, 0, stub.length);
    }

    /** Bytes left between the read position and the end of the reply. */
    public int remaining() {
        return limit - index;
    }

    /** True when every byte from the read position to the end of the reply is zero (padding). */
    public boolean restIsZero() {
        for (int i = index; i < limit; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Fails unless {@code count} elements of at least {@code minSize} bytes each can still follow. */
    public void requireElements(long count, int minSize, String what) {
        if (count < 0 || count * (long) minSize > remaining()) {
            throw new MalformedReplyException(what + " claims " + (count & 0xFFFFFFFFL)
                    + " entries but only " + remaining() + " bytes follow");
        }
    }

    private void require(int n, String what) {
        if (n < 0 || index + n > limit) {
            throw new MalformedReplyException("reply ends early: " + what + " at offset " + (index - start)
                    + " needs " + n + " bytes, " + Math.max(0, limit - index) + " left");
        }
    }

    private int padTo(int boundary) {
        int m = boundary - 1;
        int i = index - start;
        return ((i + m) & ~m) - i;
    }

    @Override
    public NdrBuffer derive(int idx) {
        BoundedNdrBuffer nb = new BoundedNdrBuffer(buf, start, limit);
        nb.index = idx;
        nb.deferred = this.deferred;
        return nb;
    }

    @Override
    public void advance(int n) {
        require(n, "data");
        super.advance(n);
    }

    @Override
    public int dec_ndr_small() {
        require(1, "a byte");
        return super.dec_ndr_small();
    }

    @Override
    public int dec_ndr_short() {
        require(padTo(2) + 2, "a 16-bit value");
        return super.dec_ndr_short();
    }

    @Override
    public int dec_ndr_long() {
        require(padTo(4) + 4, "a 32-bit value");
        return super.dec_ndr_long();
    }

    @Override
    public long dec_ndr_hyper() {
        require(padTo(8) + 8, "a 64-bit value");
        return super.dec_ndr_hyper();
    }

    @Override
    public void readOctetArray(byte[] b, int i, int l) {
        require(l, "a byte array");
        super.readOctetArray(b, i, l);
    }

    /**
     * A conformant varying wide string ({@code [string] wchar_t*}): max count, offset, actual count, then
     * the characters. jcifs trusts max count and ignores the rest; this reads what is actually sent and
     * drops the terminating NUL (and any NULs after it). A NUL followed by more characters is refused: a
     * name cut there could read as another name, or as the empty user name of a NULL session.
     */
    @Override
    public String dec_ndr_string() {
        long max = dec_ndr_long() & 0xFFFFFFFFL;
        long offset = dec_ndr_long() & 0xFFFFFFFFL;
        long actual = dec_ndr_long() & 0xFFFFFFFFL;
        if (offset != 0 || actual > max || actual > MAX_STRING_CHARS) {
            throw new MalformedReplyException("bad string header (max " + max + ", offset " + offset
                    + ", actual " + actual + ") at offset " + (index - start - 12));
        }
        int bytes = (int) actual * 2;
        require(bytes, "a string of " + actual + " characters");
        int chars = (int) actual;
        while (chars > 0 && buf[index + 2 * chars - 2] == 0 && buf[index + 2 * chars - 1] == 0) {
            chars--;
        }
        for (int i = 0; i < chars; i++) {
            if (buf[index + 2 * i] == 0 && buf[index + 2 * i + 1] == 0) {
                throw new MalformedReplyException("a string with a NUL inside at offset " + (index - start));
            }
        }
        String s = new String(buf, index, chars * 2, StandardCharsets.UTF_16LE);
        super.advance(bytes);
        return s;
    }
}
