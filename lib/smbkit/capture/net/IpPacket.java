package smbkit.capture.net;

import smbkit.capture.pcap.Bytes;

/**
 * IPv4 and IPv6 down to TCP. A fragment (first or not) is returned as {@link Skip#FRAGMENT}: the caller puts
 * IPv4 fragments back together ({@link IpFragments}) and passes the whole datagram here again. The payload is cut at the IP length,
 * leaving out an Ethernet trailer's padding.
 */
public final class IpPacket {

    private IpPacket() {}

    /** What {@link #tcp} found when it returned null. */
    public enum Skip { NOT_TCP, FRAGMENT, CUT_SHORT }

    public static final class Result {
        public TcpSegment segment;
        public Skip skip;
    }

    public static Result tcp(long frame, long time, Bytes ip) {
        Result r = new Result();
        if (ip == null || ip.length() < 1) {
            r.skip = Skip.NOT_TCP;
            return r;
        }
        int version = ip.u8(0) >> 4;
        String src;
        String dst;
        Bytes tcp;
        if (version == 4) {
            if (!ip.has(0, 20)) {
                r.skip = Skip.CUT_SHORT;
                return r;
            }
            int ihl = (ip.u8(0) & 0xf) * 4;
            int total = ip.u16be(2);
            int frag = ip.u16be(6);
            if (ip.u8(9) != 6) {
                r.skip = Skip.NOT_TCP;
                return r;
            }
            if ((frag & 0x1fff) != 0 || (frag & 0x2000) != 0) {
                r.skip = Skip.FRAGMENT;
                return r;
            }
            if (ihl < 20 || !ip.has(0, ihl)) {
                r.skip = Skip.CUT_SHORT;
                return r;
            }
            // TSO captures write 0 as the total length: take what was captured
            int end = total == 0 ? ip.length() : Math.min(total, ip.length());
            if (end < ihl) {
                r.skip = Skip.CUT_SHORT;
                return r;
            }
            src = v4(ip, 12);
            dst = v4(ip, 16);
            tcp = ip.slice(ihl, end - ihl);
        } else if (version == 6) {
            if (!ip.has(0, 40)) {
                r.skip = Skip.CUT_SHORT;
                return r;
            }
            int payloadLen = ip.u16be(4);
            int next = ip.u8(6);
            int at = 40;
            int end = payloadLen == 0 ? ip.length() : Math.min(ip.length(), 40 + payloadLen);
            while (next != 6) {
                if (!ip.has(at, 8) || at >= end) {
                    r.skip = next == 6 ? Skip.CUT_SHORT : Skip.NOT_TCP;
                    return r;
                }
                switch (next) {
                    case 0, 43, 60 -> {
                        int len = (ip.u8(at + 1) + 1) * 8;
                        next = ip.u8(at);
                        at += len;
                    }
                    case 44 -> {
                        int off = ip.u16be(at + 2);
                        if ((off & 0xfff8) != 0 || (off & 1) != 0) {
                            r.skip = Skip.FRAGMENT;
                            return r;
                        }
                        next = ip.u8(at);
                        at += 8;
                    }
                    case 51 -> {
                        int len = (ip.u8(at + 1) + 2) * 4;
                        next = ip.u8(at);
                        at += len;
                    }
                    default -> {
                        r.skip = Skip.NOT_TCP;
                        return r;
                    }
                }
            }
            if (at > end) {
                r.skip = Skip.CUT_SHORT;
                return r;
            }
            src = v6(ip, 8);
            dst = v6(ip, 24);
            tcp = ip.slice(at, end - at);
        } else {
            r.skip = Skip.NOT_TCP;
            return r;
        }
        if (!tcp.has(0, 20)) {
            r.skip = Skip.CUT_SHORT;
            return r;
        }
        int dataOff = (tcp.u8(12) >> 4) * 4;
        if (dataOff < 20 || dataOff > tcp.length()) {
            r.skip = Skip.CUT_SHORT;
            return r;
        }
        r.segment = new TcpSegment(frame, time, src, tcp.u16be(0), dst, tcp.u16be(2), tcp.u32be(4),
                tcp.u8(13), tcp.array(), tcp.offset() + dataOff, tcp.length() - dataOff);
        return r;
    }

    static String v4(Bytes b, int at) {
        return Addresses.text(b.copy(at, 4));
    }

    static String v6(Bytes b, int at) {
        return Addresses.text(b.copy(at, 16));
    }
}
