package smbkit.capture.net;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * TCP reassembly per connection and direction for the SMB ports (445, 139 for NetBIOS, and any others
 * given): segments in
 * sequence order whatever order they were captured in, retransmitted bytes delivered once, a connection
 * picked up mid-stream (no SYN seen), and holes from lost segments delivered as gaps rather than failures.
 * Bounded: each direction keeps at most {@link #MAX_PENDING_BYTES} out of order before it gives up waiting
 * for a hole to fill; a connection is forgotten once both sides closed it.
 */
public final class TcpStreams {

    public static final int MAX_PENDING_BYTES = 4 << 20;
    static final int MAX_PENDING_SEGMENTS = 2048;
    /**
     * Beyond this many open connections, the longest idle is evicted (closed with "evicted": a scan of many
     * hosts, or a capture of days): the reader's state stays bounded whatever the capture holds.
     */
    public static final int MAX_CONNECTIONS = 16_384;

    /** Receives each SMB connection: it returns the sinks of its two directions. */
    public interface Listener {
        Connection opened(String client, int clientPort, String server, int serverPort, long timeNanos, boolean sawSyn);

        /** why: "FIN", "RST", "capture end", or "evicted" (the longest idle, past {@link #MAX_CONNECTIONS}). */
        void closed(Connection c, long timeNanos, String why);
    }

    /** One TCP connection to an SMB port; the listener's object, with both directions' sinks. */
    public abstract static class Connection {
        public abstract StreamSink toServer();

        public abstract StreamSink toClient();

        Direction up;
        Direction down;
        long lastSeen;
        boolean finUp;
        boolean finDown;
        String key;
    }

    static final class Pending {
        final long seq;
        final byte[] data;
        final long time;
        final long frame;

        Pending(long seq, byte[] data, long time, long frame) {
            this.seq = seq;
            this.data = data;
            this.time = time;
            this.frame = frame;
        }
    }

    static final class Direction {
        final StreamSink sink;
        boolean synced;
        long next;
        final List<Pending> pending = new ArrayList<>();
        int pendingBytes;
        long gapBytes;
        int gaps;

        Direction(StreamSink sink) {
            this.sink = sink;
        }

        void segment(TcpSegment s) {
            int len = s.payloadLength();
            if (s.has(TcpSegment.SYN)) {
                synced = true;
                next = (s.seq() + 1) & 0xffffffffL;
                if (len == 0) {
                    return;
                }
                // data on a SYN (TCP fast open) follows it
                deliver(s.seq() + 1, s.payload(), s.payloadOffset(), len, s.timeNanos(), s.frame());
                return;
            }
            if (len == 0) {
                return;
            }
            if (!synced) {
                synced = true;
                next = s.seq();
            }
            deliver(s.seq(), s.payload(), s.payloadOffset(), len, s.timeNanos(), s.frame());
        }

        private void deliver(long seq, byte[] b, int off, int len, long time, long frame) {
            int diff = (int) (seq - next);
            if (diff <= 0) {
                if (diff + len <= 0) {
                    return; // all of it was delivered before: a retransmission
                }
                int skip = -diff;
                sink.data(b, off + skip, len - skip, time, frame);
                next = (next + len - skip) & 0xffffffffL;
                drain();
                return;
            }
            byte[] copy = new byte[len];
            System.arraycopy(b, off, copy, 0, len);
            pending.add(new Pending(seq & 0xffffffffL, copy, time, frame));
            pendingBytes += len;
            if (pendingBytes > MAX_PENDING_BYTES || pending.size() > MAX_PENDING_SEGMENTS) {
                skipToPending(time);
            }
        }

        /** Delivers what the pending segments now continue. */
        private void drain() {
            boolean progress = true;
            while (progress && !pending.isEmpty()) {
                progress = false;
                for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                    Pending p = it.next();
                    int diff = (int) (p.seq - next);
                    if (diff <= 0) {
                        it.remove();
                        pendingBytes -= p.data.length;
                        if (diff + p.data.length > 0) {
                            int skip = -diff;
                            sink.data(p.data, skip, p.data.length - skip, p.time, p.frame);
                            next = (next + p.data.length - skip) & 0xffffffffL;
                        }
                        progress = true;
                    }
                }
            }
        }

        /** Gives up on the hole before the earliest pending segment: a gap, then what follows it. */
        void skipToPending(long time) {
            while (!pending.isEmpty()) {
                Pending first = pending.get(0);
                for (Pending p : pending) {
                    if ((int) (p.seq - first.seq) < 0) {
                        first = p;
                    }
                }
                int hole = (int) (first.seq - next);
                if (hole > 0) {
                    gaps++;
                    gapBytes += hole;
                    sink.gap(hole, first.time);
                    next = first.seq;
                }
                drain();
            }
        }
    }

    private final Listener listener;
    /** In the order of their last segment (access order): the first is the longest idle, evicted in O(1). */
    private final java.util.LinkedHashMap<String, Connection> connections = new java.util.LinkedHashMap<>(1024, 0.75f, true);
    private final java.util.Set<Integer> ports;
    private long segments;
    private long evicted;
    private int peak;
    private final int maxConnections;

    public TcpStreams(Listener listener) {
        this(listener, java.util.Set.of());
    }

    /** {@code morePorts}: servers on other ports than 445 and 139 (a Samba with its own smb ports). */
    public TcpStreams(Listener listener, java.util.Set<Integer> morePorts) {
        this(listener, morePorts, MAX_CONNECTIONS);
    }

    public TcpStreams(Listener listener, java.util.Set<Integer> morePorts, int maxConnections) {
        this.listener = listener;
        this.maxConnections = Math.max(1, maxConnections);
        java.util.Set<Integer> p = new java.util.HashSet<>(morePorts);
        p.add(445);
        p.add(139);
        this.ports = java.util.Set.copyOf(p);
    }

    boolean smbPort(int port) {
        return ports.contains(port);
    }

    public void segment(TcpSegment s) {
        boolean toServer;
        if (smbPort(s.dstPort()) && !(smbPort(s.srcPort()) && s.srcPort() < s.dstPort())) {
            toServer = true;
        } else if (smbPort(s.srcPort())) {
            toServer = false;
        } else {
            return;
        }
        if (smbPort(s.dstPort()) && smbPort(s.srcPort()) && s.has(TcpSegment.SYN)) {
            toServer = !s.has(TcpSegment.ACK);
        }
        String client = toServer ? s.src() : s.dst();
        int clientPort = toServer ? s.srcPort() : s.dstPort();
        String server = toServer ? s.dst() : s.src();
        int serverPort = toServer ? s.dstPort() : s.srcPort();
        String key = client + "|" + clientPort + "|" + server + "|" + serverPort;
        Connection c = connections.get(key);
        if (c == null) {
            if (s.has(TcpSegment.RST) || (s.payloadLength() == 0 && !s.has(TcpSegment.SYN))) {
                return; // the tail of a connection the capture never saw open: nothing to decode
            }
            if (connections.size() >= maxConnections) {
                evictIdlest(s.timeNanos());
            }
            c = listener.opened(client, clientPort, server, serverPort, s.timeNanos(), s.has(TcpSegment.SYN));
            c.up = new Direction(c.toServer());
            c.down = new Direction(c.toClient());
            c.key = key;
            connections.put(key, c);
            peak = Math.max(peak, connections.size());
        } else if (s.has(TcpSegment.SYN) && !s.has(TcpSegment.ACK) && toServer && (c.finUp || c.finDown)) {
            // the same ports reused for a new connection
            close(c, s.timeNanos(), "FIN");
            segment(s);
            return;
        }
        segments++;
        c.lastSeen = s.timeNanos();
        Direction d = toServer ? c.up : c.down;
        d.segment(s);
        if (s.has(TcpSegment.RST)) {
            close(c, s.timeNanos(), "RST");
            return;
        }
        if (s.has(TcpSegment.FIN)) {
            if (toServer) {
                c.finUp = true;
            } else {
                c.finDown = true;
            }
            if (c.finUp && c.finDown) {
                close(c, s.timeNanos(), "FIN");
            }
        }
    }

    private void close(Connection c, long time, String why) {
        c.up.skipToPending(time);
        c.down.skipToPending(time);
        connections.remove(c.key);
        listener.closed(c, time, why);
    }

    private void evictIdlest(long now) {
        Iterator<Connection> it = connections.values().iterator();
        if (it.hasNext()) {
            Connection idlest = it.next();
            evicted++;
            close(idlest, idlest.lastSeen, "evicted");
        }
    }

    /** At the end of the capture: every connection still open is delivered whole and closed. */
    public void finish(long timeNanos) {
        for (Connection c : new ArrayList<>(connections.values())) {
            close(c, timeNanos, "capture end");
        }
    }

    /** Connections evicted so far. */
    public long evicted() {
        return evicted;
    }

    /** The most connections open at once (at most the cap): the reader's state follows it. */
    public int peak() {
        return peak;
    }

    /** Gaps and counts for a connection's report. */
    public static int gaps(Connection c) {
        return c.up.gaps + c.down.gaps;
    }

    public static long gapBytes(Connection c) {
        return c.up.gapBytes + c.down.gapBytes;
    }
}
