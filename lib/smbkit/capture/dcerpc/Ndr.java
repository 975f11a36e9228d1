package smbkit.capture.dcerpc;

import smbkit.capture.pcap.Bytes;
import smbkit.capture.pcap.Malformed;

/** A reader of NDR 2.0 (little-endian) stubs: aligned integers, pointers' referent ids, strings, handles. */
final class Ndr {

    private final Bytes b;
    private int at;

    Ndr(Bytes b) {
        this.b = b;
    }

    void align(int n) {
        at = (at + n - 1) & -n;
    }

    long u32() {
        align(4);
        long v = b.u32(at);
        at += 4;
        return v;
    }

    int u16() {
        align(2);
        int v = b.u16(at);
        at += 2;
        return v;
    }

    long u64() {
        align(8);
        long v = b.u64(at);
        at += 8;
        return v;
    }

    void skip(long n) {
        if (n < 0 || at + n > b.length()) {
            throw new Malformed("NDR skip of " + n + " past the stub");
        }
        at += (int) n;
    }

    /** A context handle: 20 bytes, as hex. */
    String handle() {
        align(4);
        byte[] h = b.copy(at, 20);
        at += 20;
        return Bytes.hex(h);
    }

    /** A conformant varying UTF-16 string (max count, offset, actual count, characters). */
    String string() {
        long max = u32();
        long offset = u32();
        long actual = u32();
        if (actual > max || offset > max || actual > 1 << 16) {
            throw new Malformed("NDR string of " + actual + " characters (max " + max + ")");
        }
        String s = b.utf16(at, (int) actual * 2);
        at += (int) actual * 2;
        return s;
    }

    /** A unique pointer to a string: null when the referent id is 0. */
    String uniqueString() {
        return u32() == 0 ? null : string();
    }

    /** A unique pointer to a conformant byte array, skipped. */
    void uniqueBytes() {
        if (u32() != 0) {
            long n = u32();
            skip(n);
        }
    }

    int remaining() {
        return b.length() - at;
    }

    /** The last 4 bytes of the stub: a call's return value. */
    long status() {
        return b.u32(b.length() - 4);
    }
}
