package smbkit.rpc.rap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import smbkit.rpc.ndr.MalformedReplyException;

/**
 * The Remote Administration Protocol (MS-RAP) calls the browser uses, written once: NetServerEnum2 at level 1
 * (the browse list, with each computer's server type bits) and NetShareEnum at level 1 (a server's shares,
 * printer queues among them), the request parameters built whole and the replies read bounded: every count,
 * entry and string pointer is checked against the bytes received first (a string's offset is its pointer's
 * low 16 bits less the reply's converter word), and one that points outside the reply, or a reply cut short,
 * is a {@link MalformedReplyException}, never read past. RAP is not NDR: little-endian, fixed-size entries
 * followed by their strings in one data buffer. Requests travel in an SMB1 transaction on
 * {@code \PIPE\LANMAN}.
 */
public final class Rap {

    private Rap() {}

    /** The transaction's name. */
    public static final String PIPE = "\\PIPE\\LANMAN";
    public static final int NET_SHARE_ENUM = 0;
    public static final int NET_SERVER_ENUM2 = 104;
    /** Every server type: the browse list whole (as {@code net view} asks). */
    public static final int SV_TYPE_ALL = 0xFFFFFFFF;
    public static final int SV_TYPE_DOMAIN_ENUM = 0x80000000;
    /** RAP's "more data" status: the receive buffer held only part of the list. */
    public static final int ERROR_MORE_DATA = 234;
    /** The largest receive buffer RAP's 16-bit field can ask for. */
    public static final int MAX_BUFFER = 0xFFFF;
    private static final int SERVER_INFO_1 = 26;
    private static final int SHARE_INFO_1 = 20;
    /** OEM strings: CP850 as Windows' console code page reads them (falls back to Latin-1). */
    private static final Charset OEM = Charset.isSupported("IBM850") ? Charset.forName("IBM850") : StandardCharsets.ISO_8859_1;

    /** An opcode's name, as the browser traffic and captures show it. */
    public static String name(int opcode) {
        return switch (opcode) {
            case 0 -> "NetShareEnum";
            case 1 -> "NetShareGetInfo";
            case 13 -> "NetServerGetInfo";
            case 63 -> "NetWkstaGetInfo";
            case 104 -> "NetServerEnum2";
            case 215 -> "NetServerEnum3";
            default -> "opcode " + opcode;
        };
    }

    /** The opcode of a request's parameters (their first word), or -1 when fewer than two bytes came. */
    public static int opcode(byte[] params, int offset, int length) {
        return length >= 2 && offset >= 0 && offset + 2 <= params.length ? u16(params, offset) : -1;
    }

    /** NetServerEnum2's parameters: level 1 ({@code B16BBDz}) for {@code types} in {@code domain} (null: the server's own). */
    public static byte[] netServerEnum2(int types, String domain, int receiveBuffer) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        put16(b, NET_SERVER_ENUM2);
        ascii(b, domain == null ? "WrLehDO" : "WrLehDz");
        ascii(b, "B16BBDz");
        put16(b, 1);
        put16(b, Math.min(receiveBuffer, MAX_BUFFER));
        put32(b, types);
        if (domain != null) {
            byte[] d = domain.toUpperCase(Locale.ROOT).getBytes(OEM);
            if (d.length > 15) {
                throw new IllegalArgumentException("a workgroup name has at most 15 characters: " + domain);
            }
            b.write(d, 0, d.length);
            b.write(0);
        }
        return b.toByteArray();
    }

    /** NetShareEnum's parameters: level 1 ({@code B13BWz}). */
    public static byte[] netShareEnum(int receiveBuffer) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        put16(b, NET_SHARE_ENUM);
        ascii(b, "WrLeh");
        ascii(b, "B13BWz");
        put16(b, 1);
        put16(b, Math.min(receiveBuffer, MAX_BUFFER));
        return b.toByteArray();
    }

    /** One computer of a browse list (SERVER_INFO_1): its name, OS version, server type bits and comment. */
    public record ServerEntry(String name, int versionMajor, int versionMinor, int type, String comment) {

        public String osVersion() {
            return versionMajor + "." + versionMinor;
        }
    }

    /** One share (SHARE_INFO_1): name, type (0 disk, 1 print queue, 2 device, 3 IPC) and remark. */
    public record ShareEntry(String name, int type, String remark) {

        public boolean printQueue() {
            return (type & 0xFF) == 1;
        }
    }

    /** A reply: its status, the entries read, and how many the server had (more than read: the list is partial). */
    public record Reply<T>(int status, int converter, List<T> entries, int available) {

        public boolean ok() {
            return status == 0 || status == ERROR_MORE_DATA;
        }

        public boolean partial() {
            return status == ERROR_MORE_DATA || available > entries.size();
        }
    }

    /** Reads a NetServerEnum2 reply from its transaction parameters and data. */
    public static Reply<ServerEntry> serverEnum2Reply(byte[] params, byte[] data) {
        return reply(params, data, SERVER_INFO_1, "NetServerEnum2", (d, at, converter, stringsFrom) -> {
            String name = fixed(d, at, 16);
            int major = d[at + 16] & 0xFF;
            int minor = d[at + 17] & 0xFF;
            int type = (int) u32(d, at + 18);
            String comment = pointed(d, u32(d, at + 22), converter, stringsFrom, "server " + name + "'s comment");
            return new ServerEntry(name, major, minor, type, comment);
        });
    }

    /** Reads a NetShareEnum reply from its transaction parameters and data. */
    public static Reply<ShareEntry> shareEnumReply(byte[] params, byte[] data) {
        return reply(params, data, SHARE_INFO_1, "NetShareEnum", (d, at, converter, stringsFrom) -> {
            String name = fixed(d, at, 13);
            int type = u16(d, at + 14);
            String remark = pointed(d, u32(d, at + 16), converter, stringsFrom, "share " + name + "'s remark");
            return new ShareEntry(name, type, remark);
        });
    }

    private interface EntryReader<T> {
        T read(byte[] data, int at, int converter, int stringsFrom);
    }

    private static <T> Reply<T> reply(byte[] params, byte[] data, int size, String call, EntryReader<T> reader) {
        if (params == null || params.length < 2) {
            throw new MalformedReplyException(call + " reply has " + (params == null ? 0 : params.length)
                    + " parameter bytes, fewer than its 2-byte status");
        }
        int status = u16(params, 0);
        if (status != 0 && status != ERROR_MORE_DATA) {
            return new Reply<>(status, 0, List.of(), 0);
        }
        if (params.length < 8) {
            throw new MalformedReplyException(call + " reply has " + params.length
                    + " parameter bytes, fewer than the 8 of status, converter and counts");
        }
        int converter = u16(params, 2);
        int returned = u16(params, 4);
        int available = u16(params, 6);
        if (returned > available) {
            throw new MalformedReplyException(call + " reply returns " + returned + " entries of " + available + " available");
        }
        byte[] d = data == null ? new byte[0] : data;
        if ((long) returned * size > d.length) {
            throw new MalformedReplyException(call + " reply claims " + returned + " entries (" + returned * size
                    + " bytes) but carries " + d.length + " data bytes");
        }
        List<T> entries = new ArrayList<>(returned);
        for (int i = 0; i < returned; i++) {
            entries.add(reader.read(d, i * size, converter, returned * size));
        }
        return new Reply<>(status, converter, List.copyOf(entries), available);
    }

    /** A fixed-size, NUL-padded name; a name without its NUL within the field is malformed. */
    private static String fixed(byte[] d, int at, int length) {
        int end = at;
        while (end < at + length && d[end] != 0) {
            end++;
        }
        if (end == at + length) {
            throw new MalformedReplyException("a " + (length - 1) + "-character name field at offset " + at + " has no NUL");
        }
        return printable(new String(d, at, end - at, OEM));
    }

    /**
     * The NUL-terminated string a pointer names: its low 16 bits less the converter, after the fixed entries
     * ({@code stringsFrom}) and inside the data. A NULL pointer is null.
     */
    private static String pointed(byte[] d, long pointer, int converter, int stringsFrom, String what) {
        if (pointer == 0) {
            return null;
        }
        int offset = (int) (pointer & 0xFFFF) - converter;
        if (offset >= 0 && offset < stringsFrom) {
            throw new MalformedReplyException(what + " points at offset " + offset + " (pointer 0x" + Long.toHexString(pointer)
                    + " less converter " + converter + "), inside the entries rather than after them");
        }
        if (offset < 0 || offset >= d.length) {
            throw new MalformedReplyException(what + " points at offset " + offset + " (pointer 0x"
                    + Long.toHexString(pointer) + " less converter " + converter + "), outside the " + d.length + " data bytes");
        }
        int end = offset;
        while (end < d.length && d[end] != 0) {
            end++;
        }
        if (end == d.length) {
            throw new MalformedReplyException(what + " at offset " + offset + " runs past the end of the reply without its NUL");
        }
        return printable(new String(d, offset, end - offset, OEM));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    private static void put16(ByteArrayOutputStream b, int v) {
        b.write(v & 0xFF);
        b.write((v >> 8) & 0xFF);
    }

    private static void put32(ByteArrayOutputStream b, int v) {
        put16(b, v & 0xFFFF);
        put16(b, (v >>> 16) & 0xFFFF);
    }

    private static void ascii(ByteArrayOutputStream b, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        b.write(a, 0, a.length);
        b.write(0);
    }
}
