package smbkit.capture.net;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.capture.pcap.Bytes;

/**
 * IPv4 fragments put back together (RFC 791, as a receiver does): fragments of one datagram (same source,
 * destination, protocol and identification) in any order, overlaps taking the first bytes seen, delivered as
 * one unfragmented packet when the last fragment and every byte before it are there. Bounded: at most
 * {@link #MAX_DATAGRAMS} datagrams and {@link #MAX_BYTES} bytes waiting, a datagram given up once
 * {@link #TIMEOUT_NANOS} of capture time passed since its first fragment (a receiver's reassembly timer);
 * what was given up is counted per source and destination, for the report's notes.
 */
public final class IpFragments {

    public static final int MAX_DATAGRAMS = 1024;
    public static final int MAX_BYTES = 16 << 20;
    public static final long TIMEOUT_NANOS = 60_000_000_000L;

    static final class Datagram {
        final long firstTime;
        byte[] header;
        /** Payload ranges received: [offset, data]. */
        final List<Object[]> parts = new ArrayList<>();
        int bytes;
        int total = -1;

        Datagram(long firstTime) {
            this.firstTime = firstTime;
        }

        boolean complete() {
            if (total < 0 || header == null) {
                return false;
            }
            parts.sort((a, b) -> Integer.compare((int) a[0], (int) b[0]));
            int covered = 0;
            for (Object[] p : parts) {
                int off = (int) p[0];
                if (off > covered) {
                    return false;
                }
                covered = Math.max(covered, off + ((byte[]) p[1]).length);
            }
            return covered >= total;
        }

        byte[] assemble() {
            int ihl = header.length;
            byte[] out = new byte[ihl + total];
            System.arraycopy(header, 0, out, 0, ihl);
            boolean[] filled = new boolean[total];
            for (Object[] p : parts) {
                int off = (int) p[0];
                byte[] d = (byte[]) p[1];
                for (int i = 0; i < d.length && off + i < total; i++) {
                    if (!filled[off + i]) {
                        out[ihl + off + i] = d[i];
                        filled[off + i] = true;
                    }
                }
            }
            int len = ihl + total;
            out[2] = (byte) (len >> 8);
            out[3] = (byte) len;
            out[6] = 0; // no more fragments, offset 0
            out[7] = 0;
            return out;
        }
    }

    private final Map<String, Datagram> waiting = new LinkedHashMap<>();
    private int waitingBytes;
    private long reassembled;
    private long seen;
    private long abandonedFragments;
    private final Map<String, Long> abandonedBy = new LinkedHashMap<>();

    /**
     * One IPv4 fragment (the caller saw MF set or a non-zero offset); returns the whole datagram as an IPv4
     * packet when this fragment completes it, else null.
     */
    public Bytes fragment(Bytes ip, long time) {
        seen++;
        expire(time);
        int ihl = (ip.u8(0) & 0xf) * 4;
        int total = ip.u16be(2);
        if (ihl < 20 || !ip.has(0, ihl) || total < ihl) {
            return null;
        }
        int end = Math.min(total, ip.length());
        int flags = ip.u16be(6);
        int offset = (flags & 0x1fff) * 8;
        boolean more = (flags & 0x2000) != 0;
        int len = end - ihl;
        if (len <= 0 || offset + len > 65_535) {
            abandoned(IpPacket.v4(ip, 12) + " -> " + IpPacket.v4(ip, 16), 1);
            return null;
        }
        String key = IpPacket.v4(ip, 12) + ">" + IpPacket.v4(ip, 16) + "/" + ip.u8(9) + "/" + ip.u16be(4);
        Datagram d = waiting.get(key);
        if (d == null) {
            while (waiting.size() >= MAX_DATAGRAMS || (waitingBytes + len > MAX_BYTES && !waiting.isEmpty())) {
                giveUpOldest();
            }
            d = new Datagram(time);
            waiting.put(key, d);
        }
        if (offset == 0) {
            d.header = ip.copy(0, ihl);
        }
        if (!more) {
            d.total = offset + len;
        }
        d.parts.add(new Object[] {offset, ip.copy(ihl, len)});
        d.bytes += len;
        waitingBytes += len;
        if (!d.complete()) {
            return null;
        }
        waiting.remove(key);
        waitingBytes -= d.bytes;
        reassembled++;
        return new Bytes(d.assemble());
    }

    private void expire(long time) {
        for (Iterator<Map.Entry<String, Datagram>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Datagram> e = it.next();
            if (time - e.getValue().firstTime <= TIMEOUT_NANOS) {
                break; // in arrival order: the rest are younger
            }
            it.remove();
            drop(e.getKey(), e.getValue());
        }
    }

    private void giveUpOldest() {
        Iterator<Map.Entry<String, Datagram>> it = waiting.entrySet().iterator();
        Map.Entry<String, Datagram> e = it.next();
        it.remove();
        drop(e.getKey(), e.getValue());
    }

    private void drop(String key, Datagram d) {
        waitingBytes -= d.bytes;
        String pair = key.substring(0, key.indexOf('/')).replace(">", " -> ");
        abandoned(pair, d.parts.size());
    }

    private void abandoned(String pair, long fragments) {
        abandonedFragments += fragments;
        if (abandonedBy.size() < 100 || abandonedBy.containsKey(pair)) {
            abandonedBy.merge(pair, fragments, Long::sum);
        }
    }

    /** At the end of the capture: what still waits was never completed. */
    public void finish() {
        while (!waiting.isEmpty()) {
            giveUpOldest();
        }
    }

    public long fragmentsSeen() {
        return seen;
    }

    public long reassembled() {
        return reassembled;
    }

    public long abandonedFragments() {
        return abandonedFragments;
    }

    /** Fragments of datagrams never completed, by "source -> destination". */
    public Map<String, Long> abandonedBy() {
        return abandonedBy;
    }
}
