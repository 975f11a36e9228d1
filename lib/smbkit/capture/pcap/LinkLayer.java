package smbkit.capture.pcap;


/**
 * From a frame's link layer to its IP packet: Ethernet (with 802.1Q/802.1ad VLAN tags), Linux cooked
 * captures SLL and SLL2, raw IPv4/IPv6, and BSD loopback (NULL, in the writer's byte order, and LOOP).
 */
public final class LinkLayer {

    private LinkLayer() {}

    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW_OPENBSD = 12;
    public static final int RAW_BSD = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int SLL2 = 276;

    /** True for the link types {@link #ip} reads. */
    public static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW_OPENBSD, RAW_BSD, RAW, LOOP, SLL, IPV4, IPV6, SLL2 -> true;
            default -> false;
        };
    }

    /** The IP packet inside the frame, or null when the frame carries something else (ARP, say). */
    public static Bytes ip(int linkType, byte[] frame) {
        Bytes b = new Bytes(frame);
        switch (linkType) {
            case ETHERNET -> {
                if (!b.has(0, 14)) {
                    return null;
                }
                int at = 12;
                int type = b.u16be(at);
                while ((type == 0x8100 || type == 0x88a8 || type == 0x9100) && b.has(at + 4, 2)) {
                    at += 4;
                    type = b.u16be(at);
                }
                return byEtherType(type, b, at + 2);
            }
            case SLL -> {
                return b.has(0, 16) ? byEtherType(b.u16be(14), b, 16) : null;
            }
            case SLL2 -> {
                return b.has(0, 20) ? byEtherType(b.u16be(0), b, 20) : null;
            }
            case RAW, RAW_OPENBSD, RAW_BSD, IPV4, IPV6 -> {
                return b.length() > 0 ? b : null;
            }
            case NULL, LOOP -> {
                if (!b.has(0, 4)) {
                    return null;
                }
                long family = linkType == LOOP ? b.u32be(0) : b.u32(0);
                if (family > 0xFFFF) {
                    family = b.u32be(0); // written on a big-endian machine
                }
                return family == 2 || family == 24 || family == 28 || family == 30 ? b.from(4) : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static Bytes byEtherType(int type, Bytes b, int at) {
        return (type == 0x0800 || type == 0x86dd) && b.length() > at ? b.from(at) : null;
    }
}
