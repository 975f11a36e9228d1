package smbkit.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A registry value as MS-RRP carries it: its type (REG_SZ, REG_DWORD, ...) and its raw bytes; the helpers
 * read and build the types smbkit uses. Equality is by type and bytes, so a restore can check it put back
 * exactly what was there.
 */
public record RegistryValue(int type, byte[] data) {

    /** Data is never null: a value without data has zero bytes. */
    public RegistryValue {
        data = data == null ? new byte[0] : data;
    }

    public static final int REG_NONE = 0;
    public static final int REG_SZ = 1;
    public static final int REG_EXPAND_SZ = 2;
    public static final int REG_BINARY = 3;
    public static final int REG_DWORD = 4;
    public static final int REG_MULTI_SZ = 7;
    public static final int REG_QWORD = 11;

    public static RegistryValue dword(long value) {
        return new RegistryValue(REG_DWORD, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
    }

    /** REG_SZ with its terminating NUL, as Windows stores it. */
    public static RegistryValue string(String value) {
        return new RegistryValue(REG_SZ, (value + "\0").getBytes(StandardCharsets.UTF_16LE));
    }

    /** REG_MULTI_SZ: each string NUL-terminated, then one more NUL. */
    public static RegistryValue multiString(List<String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> sb.append(v).append('\0'));
        sb.append('\0');
        return new RegistryValue(REG_MULTI_SZ, sb.toString().getBytes(StandardCharsets.UTF_16LE));
    }

    /** A REG_DWORD (or REG_BINARY) of exactly four bytes, as asDword reads without failing. */
    public boolean isDword() {
        return data.length == 4;
    }

    public long asDword() {
        if (data.length < 4) {
            throw new IllegalStateException("not a DWORD: " + data.length + " bytes");
        }
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    public String asString() {
        String s = new String(data, StandardCharsets.UTF_16LE);
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    public List<String> asMultiString() {
        List<String> out = new ArrayList<>();
        for (String s : new String(data, StandardCharsets.UTF_16LE).split("\0")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    public String typeName() {
        return switch (type) {
            case REG_NONE -> "REG_NONE";
            case REG_SZ -> "REG_SZ";
            case REG_EXPAND_SZ -> "REG_EXPAND_SZ";
            case REG_BINARY -> "REG_BINARY";
            case REG_DWORD -> "REG_DWORD";
            case REG_MULTI_SZ -> "REG_MULTI_SZ";
            case REG_QWORD -> "REG_QWORD";
            default -> "type " + type;
        };
    }

    /** As a person reads it: a number, a string, a list, or hex. */
    public String display() {
        return switch (type) {
            case REG_DWORD -> isDword() ? Long.toString(asDword()) : "unreadable (" + data.length + " bytes: "
                    + HexFormat.of().formatHex(data) + ")";
            case REG_SZ, REG_EXPAND_SZ -> asString();
            case REG_MULTI_SZ -> String.join(", ", asMultiString());
            default -> HexFormat.of().formatHex(data);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryValue v && v.type == type && Arrays.equals(v.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return typeName() + ":" + display();
    }
}
