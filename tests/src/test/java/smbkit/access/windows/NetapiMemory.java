package smbkit.access.windows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import smbkit.access.windows.Documented64.Member;
import smbkit.access.windows.Documented64.Struct;

/**
 * Native memory as netapi32 hands it out: one buffer (one NetApiBufferFree) holding the array of fixed-size
 * structures from its start and, packed from its end downwards, the UTF-16LE strings and security descriptors
 * they point at. Offsets come from {@link Documented64}, never from the code under test. Needs a 64-bit JVM,
 * as the documented layouts are 64-bit Windows'.
 */
final class NetapiMemory {

    private NetapiMemory() {}

    /**
     * @param rows one array per structure, a value per member in declaration order: an Integer or Long for a
     *             DWORD, a String (or null: a NULL pointer) for an LPWSTR, a byte[] (or null) for a descriptor
     */
    static Memory of(Struct struct, Object[]... rows) {
        if (Native.POINTER_SIZE != 8) {
            throw new IllegalStateException("the documented layouts are 64-bit: run the tests on a 64-bit JVM");
        }
        long variable = 0;
        for (Object[] row : rows) {
            for (Object v : row) {
                variable += v instanceof String s ? utf16(s).length + 1 : v instanceof byte[] b ? b.length + 7 : 0;
            }
        }
        Memory m = new Memory(Math.max(8, (long) struct.size() * rows.length + variable));
        m.clear();
        long end = m.size();
        for (int r = 0; r < rows.length; r++) {
            Object[] row = rows[r];
            if (row.length != struct.members().size()) {
                throw new IllegalArgumentException(struct + " has " + struct.members().size() + " members, row " + r
                        + " has " + row.length + " values");
            }
            long base = (long) r * struct.size();
            for (int i = 0; i < row.length; i++) {
                Member member = struct.members().get(i);
                long at = base + member.offset();
                Object v = row[i];
                switch (member.type()) {
                    case DWORD -> m.setInt(at, ((Number) v).intValue());
                    case LPWSTR, PSD -> {
                        if (v == null) {
                            m.setPointer(at, null);
                            continue;
                        }
                        byte[] bytes = v instanceof String s ? utf16(s) : (byte[]) v;
                        end = (end - bytes.length) & (v instanceof String ? ~1L : ~7L);
                        m.write(end, bytes, 0, bytes.length);
                        m.setPointer(at, m.share(end));
                    }
                }
            }
        }
        return m;
    }

    /** A string with its NUL, as Windows stores an LPWSTR. */
    static byte[] utf16(String s) {
        return (s + "\0").getBytes(StandardCharsets.UTF_16LE);
    }

    /** Reads an LPWSTR back, by hand: UTF-16LE code units up to the NUL. */
    static String readUtf16(Pointer p) {
        if (p == null) {
            return null;
        }
        List<Byte> bytes = new ArrayList<>();
        for (long at = 0;; at += 2) {
            byte lo = p.getByte(at);
            byte hi = p.getByte(at + 1);
            if (lo == 0 && hi == 0) {
                break;
            }
            bytes.add(lo);
            bytes.add(hi);
        }
        byte[] b = new byte[bytes.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = bytes.get(i);
        }
        return new String(b, StandardCharsets.UTF_16LE);
    }
}
