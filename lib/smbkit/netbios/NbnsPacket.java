package smbkit.netbios;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import smbkit.rpc.ndr.MalformedReplyException;

/**
 * The NetBIOS name service messages smbkit sends and reads (RFC 1002 4.2): a name query (NB) and a node status
 * query (NBSTAT), and their responses. Requests are built whole; a response is read from a buffer that ends
 * where the datagram ends, every length checked first: a datagram that is cut short or contradicts itself is a
 * {@link MalformedReplyException}, never read past.
 */
public final class NbnsPacket {

    private NbnsPacket() {}

    static final int TYPE_NB = 0x0020;
    static final int TYPE_NBSTAT = 0x0021;
    static final int CLASS_IN = 0x0001;
    private static final int FLAG_RESPONSE = 0x8000;
    private static final int FLAG_RD = 0x0100;
    private static final int FLAG_BROADCAST = 0x0010;
    /** Names a node status reply may list: a one-byte count, so at most 255. */
    public static final int MAX_NAMES = 255;

    /**
     * A name query for {@code name<suffix>}: a broadcast (with recursion desired, as Windows sends it), or unicast
     * to a WINS server ({@code recursion}: it answers for the names registered with it) or to the name's owner
     * (no recursion: it answers for its own names, as {@code nmblookup -U} asks; a WINS server asked with
     * recursion for a name never registered with WINS, such as {@code <1D>}, answers that it has none).
     */
    public static byte[] nameQuery(int id, String name, int suffix, boolean broadcast, boolean recursion) {
        return request(id, (recursion || broadcast ? FLAG_RD : 0) | (broadcast ? FLAG_BROADCAST : 0),
                NetbiosName.encode(name, suffix), TYPE_NB);
    }

    /** A node status query ({@code nbtstat -A}): the wildcard name {@code *}, type NBSTAT, sent to one address. */
    public static byte[] nodeStatusQuery(int id) {
        return request(id, 0, NetbiosName.encode("*", 0), TYPE_NBSTAT);
    }

    private static byte[] request(int id, int flags, byte[] encodedName, int type) {
        byte[] b = new byte[12 + encodedName.length + 4];
        put16(b, 0, id);
        put16(b, 2, flags);
        put16(b, 4, 1); // QDCOUNT
        System.arraycopy(encodedName, 0, b, 12, encodedName.length);
        put16(b, 12 + encodedName.length, type);
        put16(b, 14 + encodedName.length, CLASS_IN);
        return b;
    }

    /** The parts of a response smbkit uses: its id, result code, the answer's type and its RDATA. */
    public record Response(int id, int rcode, int type, String name, int suffix, byte[] rdata) {

        public boolean positive() {
            return rcode == 0 && rdata != null;
        }
    }

    /** The transaction id of a datagram, or -1 when it is shorter than a header (a stray, not an answer). */
    static int id(byte[] b, int length) {
        return length < 12 ? -1 : u16(b, 0);
    }

    /** Reads a response; a request (no R bit) or a response without an answer when one is claimed is malformed. */
    public static Response parse(byte[] b, int length) {
        if (length < 12 || length > b.length) {
            throw new MalformedReplyException("NetBIOS name service reply of " + length + " bytes is shorter than its 12-byte header");
        }
        int id = u16(b, 0);
        int flags = u16(b, 2);
        if ((flags & FLAG_RESPONSE) == 0) {
            throw new MalformedReplyException("NetBIOS name service datagram is a request, not a response");
        }
        int rcode = flags & 0x0F;
        int qd = u16(b, 4);
        int an = u16(b, 6);
        int at = 12;
        for (int i = 0; i < qd; i++) { // responses normally carry no question; skip any
            at = skipName(b, length, at);
            need(b, length, at, 4, "question type and class");
            at += 4;
        }
        if (an == 0) {
            if (rcode == 0) {
                throw new MalformedReplyException("NetBIOS name service reply says success but carries no answer");
            }
            return new Response(id, rcode, 0, null, -1, null);
        }
        int nameAt = at;
        at = skipName(b, length, at);
        need(b, length, at, 10, "answer header");
        int type = u16(b, at);
        int rdlength = u16(b, at + 8);
        at += 10;
        need(b, length, at, rdlength, "answer data (RDLENGTH " + rdlength + ")");
        byte[] rdata = new byte[rdlength];
        System.arraycopy(b, at, rdata, 0, rdlength);
        String name = null;
        int suffix = -1;
        byte[] decoded = decodeName(b, length, nameAt);
        if (decoded != null) {
            name = NetbiosName.trimmed(decoded, 0);
            suffix = decoded[15] & 0xFF;
        }
        return new Response(id, rcode, type, name, suffix, rcode == 0 ? rdata : null);
    }

    /** The addresses of a positive name query response (NB RDATA: 6 bytes per address, flags then IPv4). */
    public static List<InetAddress> addresses(Response r) {
        if (r.type() != TYPE_NB) {
            throw new MalformedReplyException(String.format(Locale.ROOT, "name query answered with type 0x%04x, not NB", r.type()));
        }
        byte[] d = r.rdata();
        if (d.length % 6 != 0) {
            throw new MalformedReplyException("name query answer of " + d.length + " bytes is not a whole number of 6-byte entries");
        }
        List<InetAddress> out = new ArrayList<>();
        for (int i = 0; i < d.length; i += 6) {
            try {
                out.add(InetAddress.getByAddress(new byte[] {d[i + 2], d[i + 3], d[i + 4], d[i + 5]}));
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return out;
    }

    /** The names and MAC address of a node status response (RFC 1002 4.2.18). */
    public static NodeStatus nodeStatus(InetAddress from, Response r) {
        if (r.type() != TYPE_NBSTAT) {
            throw new MalformedReplyException(String.format(Locale.ROOT, "node status answered with type 0x%04x, not NBSTAT", r.type()));
        }
        byte[] d = r.rdata();
        if (d.length < 1) {
            throw new MalformedReplyException("node status answer is empty: no name count");
        }
        int count = d[0] & 0xFF;
        if (1 + 18L * count > d.length) {
            throw new MalformedReplyException("node status claims " + count + " names (" + 18 * count + " bytes) but only "
                    + (d.length - 1) + " bytes follow");
        }
        List<NetbiosName> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = 1 + 18 * i;
            int flags = u16(d, at + 16);
            names.add(new NetbiosName(NetbiosName.trimmed(d, at), d[at + 15] & 0xFF, (flags & NetbiosName.GROUP) != 0, flags));
        }
        int macAt = 1 + 18 * count;
        String mac = null;
        if (macAt + 6 <= d.length) {
            mac = String.format(Locale.ROOT, "%02x:%02x:%02x:%02x:%02x:%02x", d[macAt], d[macAt + 1], d[macAt + 2],
                    d[macAt + 3], d[macAt + 4], d[macAt + 5]);
        }
        return new NodeStatus(from.getHostAddress(), List.copyOf(names), mac);
    }

    /** Skips an encoded name (labels, or a compression pointer) and returns the offset after it. */
    private static int skipName(byte[] b, int length, int at) {
        for (int labels = 0; labels < 64; labels++) {
            need(b, length, at, 1, "name label");
            int len = b[at] & 0xFF;
            if ((len & 0xC0) == 0xC0) {
                need(b, length, at, 2, "name pointer");
                return at + 2;
            }
            if ((len & 0xC0) != 0) {
                throw new MalformedReplyException("name label length byte 0x" + Integer.toHexString(len) + " is neither a length nor a pointer");
            }
            at++;
            if (len == 0) {
                return at;
            }
            need(b, length, at, len, "name label of " + len + " bytes");
            at += len;
        }
        throw new MalformedReplyException("name has more than 64 labels");
    }

    /** The 16 raw bytes of a first-level encoded name at {@code at} (following one pointer), or null if not encoded. */
    private static byte[] decodeName(byte[] b, int length, int at) {
        int len = b[at] & 0xFF;
        if ((len & 0xC0) == 0xC0) {
            int target = ((len & 0x3F) << 8) | (b[at + 1] & 0xFF);
            if (target >= length || target == at) {
                throw new MalformedReplyException("name pointer to offset " + target + " is outside the reply");
            }
            if ((b[target] & 0xC0) != 0) {
                throw new MalformedReplyException("name pointer points at another pointer");
            }
            return decodeName(b, length, target);
        }
        if (len != 32) {
            return null;
        }
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            int hi = (b[at + 1 + 2 * i] & 0xFF) - 'A';
            int lo = (b[at + 2 + 2 * i] & 0xFF) - 'A';
            if (hi < 0 || hi > 15 || lo < 0 || lo > 15) {
                throw new MalformedReplyException("name is not first-level encoded (a character outside A to P)");
            }
            raw[i] = (byte) (hi << 4 | lo);
        }
        return raw;
    }

    private static void need(byte[] b, int length, int at, int n, String what) {
        if (n < 0 || at + n > length) {
            throw new MalformedReplyException("NetBIOS name service reply ends early: " + what + " at offset " + at + " needs "
                    + n + " bytes, " + Math.max(0, length - at) + " left");
        }
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
    }
}
