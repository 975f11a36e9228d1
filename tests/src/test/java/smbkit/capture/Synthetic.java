package smbkit.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Small captures built byte by byte for what the shared ones do not cover: every container (pcap in
 * micro- and nanoseconds, big-endian pcap, pcapng with two interfaces of different link types and blocks
 * to skip), link layers (Ethernet with a VLAN tag, SLL, SLL2, raw IP, BSD loopback), IPv6, and the KB's
 * scenario on SMB2: a NULL session on IPC$ that binds spoolss and opens a printer with RpcOpenPrinterEx.
 */
public final class Synthetic {

    private Synthetic() {}

    public enum Variant {
        PCAP_US("pcap-us", 1, false), PCAP_NS("pcap-ns", 1, false), PCAP_BE("pcap-be", 1, false),
        PCAPNG_TWO_INTERFACES("pcapng", 276, false), ETHERNET_VLAN("pcap-us", -1, false), SLL("pcap-us", 113, false),
        SLL2("pcap-us", 276, false), RAW("pcap-us", 101, false), NULL_LOOPBACK("pcap-us", 0, false),
        IPV6("pcap-us", 1, true), IPV6_PCAPNG_BE("pcapng-be", 1, true);

        final String container;
        final int link;
        final boolean v6;

        Variant(String container, int link, boolean v6) {
            this.container = container;
            this.link = link;
            this.v6 = v6;
        }

        int linkType() {
            return link == -1 ? 1 : link;
        }

        String client() {
            return v6 ? "fd00::3" : "127.0.0.3";
        }

        public String server() {
            return v6 ? "fd00::1" : "127.0.0.1";
        }
    }

    public record Msg(boolean toServer, byte[] smb) {}

    public record Pkt(long timeNanos, byte[] frame) {}

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    // ---- SMB2 ----

    static byte[] smb2(int cmd, boolean response, long status, long msgId, long sessionId, long treeId, byte[] body) {
        ByteBuffer b = le(64 + body.length);
        b.put(new byte[] {(byte) 0xFE, 'S', 'M', 'B'}).putShort((short) 64).putShort((short) 1).putInt((int) status)
                .putShort((short) cmd).putShort((short) 1).putInt(response ? 1 : 0).putInt(0).putLong(msgId)
                .putInt(0).putInt((int) treeId).putLong(sessionId).put(new byte[16]).put(body);
        return b.array();
    }

    static byte[] ntlmAuthenticate(String domain, String user, String host, byte[] nt) {
        byte[] d = utf16(domain);
        byte[] u = utf16(user);
        byte[] h = utf16(host);
        int at = 64;
        ByteBuffer b = le(64 + d.length + u.length + h.length + nt.length);
        b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(3);
        b.putShort((short) 0).putShort((short) 0).putInt(at); // LM
        int ntAt = at;
        int dAt = ntAt + nt.length;
        int uAt = dAt + d.length;
        int hAt = uAt + u.length;
        b.putShort((short) nt.length).putShort((short) nt.length).putInt(ntAt);
        b.putShort((short) d.length).putShort((short) d.length).putInt(dAt);
        b.putShort((short) u.length).putShort((short) u.length).putInt(uAt);
        b.putShort((short) h.length).putShort((short) h.length).putInt(hAt);
        b.putShort((short) 0).putShort((short) 0).putInt(hAt + h.length);
        b.putInt(0x00000001 | 0x00000200 | 0x00080000);
        b.put(nt).put(d).put(u).put(h);
        return b.array();
    }

    static byte[] sessionSetupRequest(byte[] blob) {
        ByteBuffer b = le(24 + blob.length);
        b.putShort((short) 25).put((byte) 0).put((byte) 1).putInt(0).putInt(0).putShort((short) 88)
                .putShort((short) blob.length).putLong(0).put(blob);
        return b.array();
    }

    static byte[] treeConnect(String path) {
        byte[] p = utf16(path);
        ByteBuffer b = le(8 + p.length);
        b.putShort((short) 9).putShort((short) 0).putShort((short) 72).putShort((short) p.length).put(p);
        return b.array();
    }

    static byte[] create(String name) {
        byte[] n = utf16(name);
        ByteBuffer b = le(56 + n.length);
        b.putShort((short) 57).put(new byte[42]).putShort((short) 120).putShort((short) n.length).putInt(0).putInt(0).put(n);
        return b.array();
    }

    static byte[] createResponse(long fid) {
        ByteBuffer b = le(88);
        b.putShort((short) 89).put(new byte[62]).putLong(fid).putLong(fid + 0x100);
        return b.array();
    }

    static byte[] fileId(ByteBuffer b, long fid) {
        b.putLong(fid).putLong(fid + 0x100);
        return null;
    }

    static byte[] write(long fid, byte[] data) {
        ByteBuffer b = le(48 + data.length);
        b.putShort((short) 49).putShort((short) 112).putInt(data.length).putLong(0);
        fileId(b, fid);
        b.putInt(0).putInt(0).putShort((short) 0).putShort((short) 0).putInt(0).put(data);
        return b.array();
    }

    static byte[] read(long fid) {
        ByteBuffer b = le(49);
        b.putShort((short) 49).put((byte) 0).put((byte) 0).putInt(4280).putLong(0);
        fileId(b, fid);
        b.putInt(0).putInt(0).putInt(0).putShort((short) 0).putShort((short) 0).put((byte) 0);
        return b.array();
    }

    static byte[] readResponse(byte[] data) {
        ByteBuffer b = le(16 + data.length);
        b.putShort((short) 17).put((byte) 80).put((byte) 0).putInt(data.length).putInt(0).putInt(0).put(data);
        return b.array();
    }

    static byte[] close(long fid) {
        ByteBuffer b = le(24);
        b.putShort((short) 24).putShort((short) 0).putInt(0);
        fileId(b, fid);
        return b.array();
    }

    // ---- DCE/RPC ----

    static byte[] uuid(String s) {
        UUID u = UUID.fromString(s);
        ByteBuffer b = le(16);
        long hi = u.getMostSignificantBits();
        b.putInt((int) (hi >>> 32)).putShort((short) (hi >>> 16)).putShort((short) hi);
        b.order(ByteOrder.BIG_ENDIAN).putLong(u.getLeastSignificantBits());
        return b.array();
    }

    static byte[] pdu(int type, int flags, long callId, byte[] body) {
        ByteBuffer b = le(16 + body.length);
        b.put((byte) 5).put((byte) 0).put((byte) type).put((byte) flags).putInt(0x10).putShort((short) (16 + body.length))
                .putShort((short) 0).putInt((int) callId).put(body);
        return b.array();
    }

    static byte[] bind(long callId, String iface, int major) {
        ByteBuffer b = le(12 + 44);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0).put((byte) 1).put(new byte[3]);
        b.putShort((short) 0).put((byte) 1).put((byte) 0).put(uuid(iface)).putShort((short) major).putShort((short) 0);
        b.put(uuid("8a885d04-1ceb-11c9-9fe8-08002b104860")).putInt(2);
        return pdu(11, 3, callId, b.array());
    }

    static byte[] bindAck(long callId) {
        ByteBuffer b = le(8 + 2 + 2 + 4 + 24);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0x1234).putShort((short) 0).put(new byte[2])
                .put((byte) 1).put(new byte[3]).putShort((short) 0).putShort((short) 0)
                .put(uuid("8a885d04-1ceb-11c9-9fe8-08002b104860")).putInt(2);
        return pdu(12, 3, callId, b.array());
    }

    static byte[] request(long callId, int opnum, byte[] stub) {
        ByteBuffer b = le(8 + stub.length);
        b.putInt(stub.length).putShort((short) 0).putShort((short) opnum).put(stub);
        return pdu(0, 3, callId, b.array());
    }

    static byte[] response(long callId, byte[] stub) {
        ByteBuffer b = le(8 + stub.length);
        b.putInt(stub.length).putShort((short) 0).put((byte) 0).put((byte) 0).put(stub);
        return pdu(2, 3, callId, b.array());
    }

    static void ndrString(ByteArrayOutputStream o, String s) {
        byte[] chars = utf16(s + "\0");
        int n = s.length() + 1;
        ByteBuffer b = le(12).putInt(n).putInt(0).putInt(n);
        o.writeBytes(b.array());
        o.writeBytes(chars);
        while (o.size() % 4 != 0) {
            o.write(0);
        }
    }

    static void u32(ByteArrayOutputStream o, long v) {
        o.writeBytes(le(4).putInt((int) v).array());
    }

    /** RpcOpenPrinterEx(printer, NULL datatype, empty devmode, access, level 1 client info machine/user). */
    static byte[] openPrinterEx(String printer, String machine, String user) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        u32(o, 0x20000);
        ndrString(o, printer);
        u32(o, 0); // pDatatype
        u32(o, 0); // cbBuf
        u32(o, 0); // pDevMode
        u32(o, 0x00000008); // AccessRequired
        u32(o, 1); // Level
        u32(o, 1); // switch
        u32(o, 0x20004);
        u32(o, 28); // cbSize
        u32(o, 0x20008);
        u32(o, 0x2000c);
        u32(o, 7601);
        u32(o, 6);
        u32(o, 1);
        o.writeBytes(new byte[] {9, 0, 0, 0}); // processor architecture + pad
        ndrString(o, machine);
        ndrString(o, user);
        return o.toByteArray();
    }

    static final byte[] HANDLE = {0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    static byte[] handleAndStatus() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(HANDLE);
        u32(o, 0);
        return o.toByteArray();
    }

    /** The KB's scenario on SMB 3.1.1: anonymous, IPC$, spoolss, RpcOpenPrinterEx; optionally closed and logged off. */
    public static List<Msg> kbMessages(boolean closePrinter, boolean logoff) {
        List<Msg> m = new ArrayList<>();
        long sid = 0x0000740000000011L;
        long tid = 5;
        long fid = 0x77;
        m.add(new Msg(true, smb2(0, false, 0, 0, 0, 0, new byte[] {36, 0, 1, 0})));
        m.add(new Msg(false, smb2(0, true, 0, 0, 0, 0, le(8).putShort((short) 65).putShort((short) 1).putShort((short) 0x0311).array())));
        m.add(new Msg(true, smb2(1, false, 0, 1, 0, 0, sessionSetupRequest(ntlmAuthenticate("", "", "CLIENT3", new byte[0])))));
        m.add(new Msg(false, smb2(1, true, 0, 1, sid, 0, le(8).putShort((short) 9).putShort((short) 0).putShort((short) 0).putShort((short) 0).array())));
        m.add(new Msg(true, smb2(3, false, 0, 2, sid, 0, treeConnect("\\\\127.0.0.1\\IPC$"))));
        m.add(new Msg(false, smb2(3, true, 0, 2, sid, tid, le(16).putShort((short) 16).put((byte) 2).array())));
        m.add(new Msg(true, smb2(5, false, 0, 3, sid, tid, create("spoolss"))));
        m.add(new Msg(false, smb2(5, true, 0, 3, sid, tid, createResponse(fid))));
        m.add(new Msg(true, smb2(9, false, 0, 4, sid, tid, write(fid, bind(1, "12345678-1234-abcd-ef00-0123456789ab", 1)))));
        m.add(new Msg(false, smb2(9, true, 0, 4, sid, tid, le(16).putShort((short) 17).array())));
        m.add(new Msg(true, smb2(8, false, 0, 5, sid, tid, read(fid))));
        m.add(new Msg(false, smb2(8, true, 0, 5, sid, tid, readResponse(bindAck(1)))));
        m.add(new Msg(true, smb2(9, false, 0, 6, sid, tid, write(fid, request(2, 69, openPrinterEx("\\\\127.0.0.1", "\\\\CLIENT3", "SYSTEM"))))));
        m.add(new Msg(false, smb2(9, true, 0, 6, sid, tid, le(16).putShort((short) 17).array())));
        m.add(new Msg(true, smb2(8, false, 0, 7, sid, tid, read(fid))));
        m.add(new Msg(false, smb2(8, true, 0, 7, sid, tid, readResponse(response(2, handleAndStatus())))));
        if (closePrinter) {
            m.add(new Msg(true, smb2(9, false, 0, 8, sid, tid, write(fid, request(3, 29, HANDLE)))));
            m.add(new Msg(false, smb2(9, true, 0, 8, sid, tid, le(16).putShort((short) 17).array())));
            m.add(new Msg(true, smb2(8, false, 0, 9, sid, tid, read(fid))));
            m.add(new Msg(false, smb2(8, true, 0, 9, sid, tid, readResponse(response(3, new byte[24])))));
            m.add(new Msg(true, smb2(6, false, 0, 10, sid, tid, close(fid))));
            m.add(new Msg(false, smb2(6, true, 0, 10, sid, tid, le(60).putShort((short) 60).array())));
        }
        if (logoff) {
            m.add(new Msg(true, smb2(2, false, 0, 11, sid, 0, new byte[] {4, 0, 0, 0})));
            m.add(new Msg(false, smb2(2, true, 0, 11, sid, 0, new byte[] {4, 0, 0, 0})));
        }
        return m;
    }

    // ---- TCP/IP and link layers ----

    static byte[] addr(String a) {
        try {
            return java.net.InetAddress.getByName(a).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(a, e);
        }
    }

    static byte[] tcpIp(Variant v, String src, int sport, String dst, int dport, long seq, long ack, int flags, byte[] data) {
        ByteBuffer t = ByteBuffer.allocate(20 + data.length);
        t.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack).put((byte) 0x50)
                .put((byte) flags).putShort((short) 65535).putInt(0).put(data);
        byte[] tcp = t.array();
        if (v.v6) {
            ByteBuffer ip = ByteBuffer.allocate(40 + tcp.length);
            ip.putInt(0x60000000).putShort((short) tcp.length).put((byte) 6).put((byte) 64).put(addr(src)).put(addr(dst)).put(tcp);
            return ip.array();
        }
        ByteBuffer ip = ByteBuffer.allocate(20 + tcp.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcp.length)).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 6).putShort((short) 0).put(addr(src)).put(addr(dst)).put(tcp);
        return ip.array();
    }

    static byte[] link(Variant v, byte[] ip) {
        int etherType = v.v6 ? 0x86dd : 0x0800;
        ByteBuffer b;
        switch (v.link == -1 ? -1 : v.linkType()) {
            case -1 -> {
                b = ByteBuffer.allocate(18 + ip.length);
                b.put(new byte[12]).putShort((short) 0x8100).putShort((short) 42).putShort((short) etherType);
            }
            case 1 -> {
                b = ByteBuffer.allocate(14 + ip.length);
                b.put(new byte[12]).putShort((short) etherType);
            }
            case 113 -> {
                b = ByteBuffer.allocate(16 + ip.length);
                b.putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8]).putShort((short) etherType);
            }
            case 276 -> {
                b = ByteBuffer.allocate(20 + ip.length);
                b.putShort((short) etherType).putShort((short) 0).putInt(1).putShort((short) 772).put((byte) 0).put((byte) 6).put(new byte[8]);
            }
            case 101 -> b = ByteBuffer.allocate(ip.length);
            case 0 -> {
                b = ByteBuffer.allocate(4 + ip.length).order(ByteOrder.LITTLE_ENDIAN);
                b.putInt(v.v6 ? 30 : 2);
            }
            default -> throw new IllegalArgumentException("link " + v.link);
        }
        b.put(ip);
        return b.array();
    }

    /** A whole connection: handshake, each message NetBIOS-framed and cut into segments of mss bytes, FINs. */
    public static List<Pkt> tcp(Variant v, String client, String server, List<Msg> msgs, int mss) {
        List<Pkt> out = new ArrayList<>();
        long t = 1_700_000_000_000_000_000L;
        long cseq = 1000;
        long sseq = 5000;
        int cport = 49152;
        out.add(new Pkt(t++, link(v, tcpIp(v, client, cport, server, 445, cseq - 1, 0, 0x02, new byte[0]))));
        out.add(new Pkt(t++, link(v, tcpIp(v, server, 445, client, cport, sseq - 1, cseq, 0x12, new byte[0]))));
        for (Msg m : msgs) {
            byte[] framed = new byte[4 + m.smb().length];
            framed[1] = (byte) (m.smb().length >> 16);
            framed[2] = (byte) (m.smb().length >> 8);
            framed[3] = (byte) m.smb().length;
            System.arraycopy(m.smb(), 0, framed, 4, m.smb().length);
            for (int at = 0; at < framed.length; at += mss) {
                byte[] seg = java.util.Arrays.copyOfRange(framed, at, Math.min(framed.length, at + mss));
                t += 1_000_000;
                if (m.toServer()) {
                    out.add(new Pkt(t, link(v, tcpIp(v, client, cport, server, 445, cseq, sseq, 0x18, seg))));
                    cseq += seg.length;
                } else {
                    out.add(new Pkt(t, link(v, tcpIp(v, server, 445, client, cport, sseq, cseq, 0x18, seg))));
                    sseq += seg.length;
                }
            }
        }
        return out;
    }

    public static byte[] pcap(Variant v, List<Pkt> pkts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        if (v.container.startsWith("pcapng")) {
            ByteOrder order = v.container.equals("pcapng-be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            o.writeBytes(block(order, 0x0A0D0D0A, ByteBuffer.allocate(16).order(order).putInt(0x1A2B3C4D)
                    .putShort((short) 1).putShort((short) 0).putLong(-1).array()));
            // interface 0: Ethernet, microseconds; interface 1: the variant's link type, nanoseconds
            o.writeBytes(block(order, 1, ByteBuffer.allocate(8).order(order).putShort((short) 1).putShort((short) 0).putInt(0).array()));
            o.writeBytes(block(order, 0x0BAD, new byte[12])); // a block nobody knows: skipped
            o.writeBytes(block(order, 1, ByteBuffer.allocate(20).order(order).putShort((short) v.linkType()).putShort((short) 0)
                    .putInt(262144).putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0).array()));
            byte[] arp = new byte[42];
            arp[12] = 0x08;
            arp[13] = 0x06;
            o.writeBytes(epb(order, 0, pkts.get(0).timeNanos() / 1000, arp));
            for (Pkt p : pkts) {
                o.writeBytes(epb(order, 1, p.timeNanos(), p.frame()));
            }
            return o.toByteArray();
        }
        ByteOrder order = v.container.equals("pcap-be") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        boolean ns = v.container.equals("pcap-ns");
        o.writeBytes(ByteBuffer.allocate(24).order(order).putInt(ns ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(v.linkType()).array());
        for (Pkt p : pkts) {
            long sec = p.timeNanos() / 1_000_000_000L;
            long frac = p.timeNanos() % 1_000_000_000L;
            o.writeBytes(ByteBuffer.allocate(16).order(order).putInt((int) sec).putInt((int) (ns ? frac : frac / 1000))
                    .putInt(p.frame().length).putInt(p.frame().length).array());
            o.writeBytes(p.frame());
        }
        return o.toByteArray();
    }

    static byte[] block(ByteOrder order, int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(12 + padded).order(order);
        b.putInt(type).putInt(12 + padded).put(body).position(8 + padded);
        b.putInt(12 + padded);
        return b.array();
    }

    static byte[] epb(ByteOrder order, int itf, long ts, byte[] data) {
        int padded = (data.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + padded).order(order);
        b.putInt(itf).putInt((int) (ts >>> 32)).putInt((int) ts).putInt(data.length).putInt(data.length).put(data);
        return block(order, 6, b.array());
    }

    public static byte[] kbScenario(Variant v) {
        return pcap(v, tcp(v, v.client(), v.server(), kbMessages(false, false), 1460));
    }

    // ---- for the decoder's limits: rejected binds, compounds, IP fragments ----

    /** A bind_ack (or alter_context_resp) with one result per offered context: 0 accepted, 2 provider rejection. */
    static byte[] bindAckResults(long callId, int... results) {
        ByteBuffer b = le(8 + 2 + 2 + 4 + 24 * results.length);
        b.putShort((short) 4280).putShort((short) 4280).putInt(0x1234).putShort((short) 0).put(new byte[2])
                .put((byte) results.length).put(new byte[3]);
        for (int r : results) {
            b.putShort((short) r).putShort((short) (r == 0 ? 0 : 2))
                    .put(r == 0 ? uuid("8a885d04-1ceb-11c9-9fe8-08002b104860") : new byte[16]).putInt(r == 0 ? 2 : 0);
        }
        return pdu(12, 3, callId, b.array());
    }

    static byte[] bindNak(long callId) {
        return pdu(13, 3, callId, le(4).putShort((short) 4).put((byte) 0).put((byte) 0).array());
    }

    /** The KB's scenario, the bind answered by {@code ack} instead of an acceptance. */
    static List<Msg> kbMessagesWithBindAnswer(byte[] ack) {
        List<Msg> m = new ArrayList<>(kbMessages(false, false));
        m.set(11, new Msg(false, smb2(8, true, 0, 5, 0x0000740000000011L, 5, readResponse(ack))));
        return m;
    }

    /** A write on the placeholder file id (all ones): "the file the create before me in this compound opened". */
    static byte[] writeRelated(byte[] data) {
        ByteBuffer b = le(48 + data.length);
        b.putShort((short) 49).putShort((short) 112).putInt(data.length).putLong(0).putLong(-1).putLong(-1);
        b.putInt(0).putInt(0).putShort((short) 0).putShort((short) 0).putInt(0).put(data);
        return b.array();
    }

    /** SMB2 messages chained in one compound: each padded to 8 bytes, NextCommand set, all but the first related. */
    static byte[] compound(byte[]... commands) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < commands.length; i++) {
            byte[] c = commands[i].clone();
            int padded = i == commands.length - 1 ? c.length : (c.length + 7) & ~7;
            ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(16, b.getInt(16) | (i > 0 ? 4 : 0));
            b.putInt(20, i == commands.length - 1 ? 0 : padded);
            o.writeBytes(c);
            o.writeBytes(new byte[padded - c.length]);
        }
        return o.toByteArray();
    }

    /**
     * The KB's scenario with the pipe's create and the bind's write in one compound (as Windows sends them):
     * the write names the placeholder file id, and the answers come back compounded too.
     */
    static List<Msg> kbMessagesCompound() {
        List<Msg> base = kbMessages(false, false);
        long sid = 0x0000740000000011L;
        long tid = 5;
        List<Msg> m = new ArrayList<>(base.subList(0, 6));
        m.add(new Msg(true, compound(smb2(5, false, 0, 3, sid, tid, create("spoolss")),
                smb2(9, false, 0, 4, sid, tid, writeRelated(bind(1, "12345678-1234-abcd-ef00-0123456789ab", 1))))));
        m.add(new Msg(false, compound(smb2(5, true, 0, 3, sid, tid, createResponse(0x77)),
                smb2(9, true, 0, 4, sid, tid, le(16).putShort((short) 17).array()))));
        m.addAll(base.subList(10, base.size()));
        return m;
    }

    /**
     * Each IPv4 packet of a frame with Ethernet framing longer than {@code chunk} bytes of payload cut into
     * fragments of {@code chunk} bytes (a multiple of 8), each datagram with an identification of its own.
     */
    static List<Pkt> fragmented(List<Pkt> pkts, int chunk, boolean reverse) {
        List<Pkt> out = new ArrayList<>();
        int id = 1;
        for (Pkt p : pkts) {
            byte[] f = p.frame();
            int ihl = (f[14] & 0xf) * 4;
            int total = ((f[16] & 0xff) << 8) | (f[17] & 0xff);
            int payload = total - ihl;
            if (payload <= chunk) {
                out.add(p);
                continue;
            }
            List<Pkt> frags = new ArrayList<>();
            for (int off = 0; off < payload; off += chunk) {
                int n = Math.min(chunk, payload - off);
                byte[] g = new byte[14 + ihl + n];
                System.arraycopy(f, 0, g, 0, 14 + ihl);
                System.arraycopy(f, 14 + ihl + off, g, 14 + ihl, n);
                int len = ihl + n;
                g[16] = (byte) (len >> 8);
                g[17] = (byte) len;
                g[18] = (byte) (id >> 8);
                g[19] = (byte) id;
                int flags = (off / 8) | (off + n < payload ? 0x2000 : 0);
                g[20] = (byte) (flags >> 8);
                g[21] = (byte) flags;
                frags.add(new Pkt(p.timeNanos(), g));
            }
            id++;
            if (reverse) {
                java.util.Collections.reverse(frags);
            }
            out.addAll(frags);
        }
        return out;
    }
}
