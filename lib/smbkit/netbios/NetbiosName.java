package smbkit.netbios;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One NetBIOS name as a node status lists it (RFC 1002 4.2.18): up to 15 characters, the suffix byte that says
 * which service registered it ({@code <00>} workstation, {@code <20>} server service, {@code <03>} messenger,
 * {@code <1D>} master browser, ...), whether it is a group name, and its name flags as the reply carries them.
 */
public record NetbiosName(String name, int suffix, boolean group, int flags) {

    /** The group bit of a name's flags (NAME_FLAGS, RFC 1002 4.2.18). */
    public static final int GROUP = 0x8000;
    /** The name is active (registered and not being released). */
    public static final int ACTIVE = 0x0400;

    public NetbiosName {
        if (name == null || name.length() > 15) {
            throw new IllegalArgumentException("a NetBIOS name has at most 15 characters: " + name);
        }
        if (suffix < 0 || suffix > 0xFF) {
            throw new IllegalArgumentException("a NetBIOS suffix is one byte: " + suffix);
        }
    }

    public static NetbiosName unique(String name, int suffix) {
        return new NetbiosName(name, suffix, false, ACTIVE);
    }

    /** {@code NAME<20>}, as nbtstat and nmblookup show a name. */
    public String display() {
        return String.format(Locale.ROOT, "%s<%02X>", name, suffix);
    }

    /** What registering this name says about the machine (the suffixes browsing and the KB care about). */
    public String role() {
        return switch (suffix) {
            case 0x00 -> group ? "workgroup" : "workstation";
            case 0x03 -> "messenger (a computer or its logged-on user)";
            case 0x20 -> "server service (file and printer sharing)";
            case 0x1B -> "domain master browser";
            case 0x1C -> "domain controllers";
            case 0x1D -> "master browser";
            case 0x1E -> "browser election";
            case 0x01 -> group ? "master browsers (__MSBROWSE__)" : "messenger";
            default -> group ? "group" : "unique";
        };
    }

    /**
     * The 16 bytes a name occupies before its first-level encoding: upper case, padded with spaces to 15, then
     * the suffix. {@code *} (the node status wildcard) is padded with NULs instead.
     */
    static byte[] raw(String name, int suffix) {
        byte[] b = new byte[16];
        byte[] n = name.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
        if (n.length > 15 || n.length == 0) {
            throw new IllegalArgumentException("a NetBIOS name has 1 to 15 characters: " + name);
        }
        boolean wildcard = "*".equals(name);
        for (int i = 0; i < 15; i++) {
            b[i] = i < n.length ? n[i] : wildcard ? 0 : (byte) ' ';
        }
        b[15] = (byte) suffix;
        return b;
    }

    /** The first-level encoding (RFC 1001 14.1): each byte's two nibbles as letters A to P, length-prefixed, no scope. */
    static byte[] encode(String name, int suffix) {
        byte[] raw = raw(name, suffix);
        byte[] out = new byte[34];
        out[0] = 32;
        for (int i = 0; i < 16; i++) {
            out[1 + 2 * i] = (byte) ('A' + ((raw[i] >> 4) & 0x0F));
            out[2 + 2 * i] = (byte) ('A' + (raw[i] & 0x0F));
        }
        out[33] = 0;
        return out;
    }

    /** A name as 15 characters padded with spaces (or NULs) and a suffix: the padding removed. */
    static String trimmed(byte[] b, int offset) {
        int end = offset + 15;
        while (end > offset && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        StringBuilder s = new StringBuilder();
        for (int i = offset; i < end; i++) {
            int c = b[i] & 0xFF;
            s.append(c < 0x20 || c == 0x7F ? '?' : (char) c);
        }
        return s.toString();
    }
}
