package smbkit.netbios;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * A NetBIOS name service client on UDP (RFC 1001/1002): name queries ({@code nmblookup NAME#1d}) and node status
 * queries ({@code nbtstat -A}), each with a timeout and a bounded number of retries, from one socket. Many node
 * status queries go out together with at most {@code parallel} outstanding, matched to their answers by
 * transaction id and source address; an address that never answers is counted, not an error. A datagram that
 * cannot be read from an address queried is that address's malformed answer; strays are ignored.
 */
public final class NameService {

    /** The name service's port. */
    public static final int PORT = 137;

    private final int port;
    private final Duration timeout;
    private final int retries;

    /** {@code timeout} per attempt, {@code retries} more attempts after the first; queries go to {@code port}. */
    public NameService(int port, Duration timeout, int retries) {
        if (port < 1 || port > 65535 || retries < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("port " + port + ", timeout " + timeout + ", retries " + retries);
        }
        this.port = port;
        this.timeout = timeout;
        this.retries = retries;
    }

    public NameService(Duration timeout) {
        this(PORT, timeout, 1);
    }

    /** How a name query ended: the addresses of a positive answer, a negative answer (its code), or silence. */
    public record QueryResult(List<InetAddress> addresses, int rcode, boolean answered, String from) {

        public boolean found() {
            return answered && rcode == 0 && !addresses.isEmpty();
        }
    }

    /**
     * Asks {@code server} for {@code name<suffix>}: a WINS server ({@code recursion}) or the name's owner; with
     * {@code broadcast}, {@code server} is a broadcast address and the first positive answer wins.
     */
    public QueryResult query(InetAddress server, String name, int suffix, boolean broadcast, boolean recursion) {
        try (DatagramSocket socket = new DatagramSocket()) {
            if (broadcast) {
                socket.setBroadcast(true);
            }
            int id = ThreadLocalRandom.current().nextInt(1, 0x8000);
            byte[] request = NbnsPacket.nameQuery(id, name, suffix, broadcast, recursion);
            QueryResult negative = null;
            for (int attempt = 0; attempt <= retries; attempt++) {
                socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(server, port)));
                long deadline = System.nanoTime() + timeout.toNanos();
                byte[] buf = new byte[1500];
                while (true) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) Math.max(1, left));
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                    } catch (SocketTimeoutException quiet) {
                        break;
                    }
                    if (NbnsPacket.id(buf, p.getLength()) != id || (!broadcast && !p.getAddress().equals(server))) {
                        continue; // not ours
                    }
                    NbnsPacket.Response r = NbnsPacket.parse(buf, p.getLength());
                    if (r.positive()) {
                        return new QueryResult(NbnsPacket.addresses(r), 0, true, p.getAddress().getHostAddress());
                    }
                    negative = new QueryResult(List.of(), r.rcode(), true, p.getAddress().getHostAddress());
                    if (!broadcast) {
                        return negative;
                    }
                }
                if (negative != null) {
                    return negative;
                }
            }
            return new QueryResult(List.of(), -1, false, null);
        } catch (IOException e) {
            throw new SmbkitException(Failure.NETWORK, "cannot send a NetBIOS name query to " + server.getHostAddress()
                    + " (UDP " + port + "): " + e.getMessage(), "Check the address and that this machine may send UDP", e);
        }
    }

    /** The outcome of a node status sweep: the answers by address (in the order asked), the silent and the malformed. */
    public record Sweep(Map<String, NodeStatus> answers, List<String> unanswered, Map<String, String> malformed) {}

    /** One node status query ({@code nbtstat -A ADDRESS}); null when it does not answer. */
    public NodeStatus nodeStatus(InetAddress address) {
        Sweep s = nodeStatus(List.of(address), 1, null);
        if (!s.malformed().isEmpty()) {
            throw new MalformedReplyException(address.getHostAddress() + ": " + s.malformed().values().iterator().next());
        }
        return s.answers().get(address.getHostAddress());
    }

    /**
     * Node status of every address, at most {@code parallel} queries outstanding at a time; {@code progress}
     * (may be null) hears the number of addresses finished so far, each time one finishes.
     */
    public Sweep nodeStatus(List<InetAddress> addresses, int parallel, IntConsumer progress) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel " + parallel);
        }
        Map<String, NodeStatus> answers = new LinkedHashMap<>();
        Map<String, String> malformed = new LinkedHashMap<>();
        List<String> unanswered = new ArrayList<>();
        Deque<InetAddress> queue = new ArrayDeque<>(addresses);
        Map<Integer, Pending> inFlight = new HashMap<>();
        int done = 0;
        int nextId = ThreadLocalRandom.current().nextInt(1, 0x8000);
        try (DatagramSocket socket = new DatagramSocket()) {
            byte[] buf = new byte[1500];
            while (!queue.isEmpty() || !inFlight.isEmpty()) {
                while (!queue.isEmpty() && inFlight.size() < parallel) {
                    InetAddress a = queue.poll();
                    int id = nextId;
                    nextId = nextId % 0x7FFF + 1;
                    inFlight.put(id, send(socket, a, id, 0));
                }
                long now = System.nanoTime();
                long nearest = inFlight.values().stream().mapToLong(Pending::deadline).min().orElse(now);
                long waitMs = (nearest - now) / 1_000_000;
                if (waitMs > 0) {
                    socket.setSoTimeout((int) Math.min(waitMs, Integer.MAX_VALUE));
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        socket.receive(p);
                        int id = NbnsPacket.id(buf, p.getLength());
                        Pending q = inFlight.get(id);
                        if (q != null && q.address().equals(p.getAddress())) {
                            inFlight.remove(id);
                            String key = q.address().getHostAddress();
                            try {
                                NbnsPacket.Response r = NbnsPacket.parse(buf, p.getLength());
                                if (r.positive()) {
                                    answers.put(key, NbnsPacket.nodeStatus(q.address(), r));
                                } else {
                                    malformed.put(key, "node status answered with error code " + r.rcode());
                                }
                            } catch (MalformedReplyException bad) {
                                malformed.put(key, bad.getMessage());
                            }
                            done++;
                            if (progress != null) {
                                progress.accept(done);
                            }
                        }
                    } catch (SocketTimeoutException | java.net.PortUnreachableException quiet) {
                        // deadlines handled below
                    }
                }
                now = System.nanoTime();
                for (Pending q : List.copyOf(inFlight.values())) {
                    if (q.deadline() <= now) {
                        inFlight.remove(q.id());
                        if (q.attempt() < retries) {
                            inFlight.put(q.id(), send(socket, q.address(), q.id(), q.attempt() + 1));
                        } else {
                            unanswered.add(q.address().getHostAddress());
                            done++;
                            if (progress != null) {
                                progress.accept(done);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SmbkitException(Failure.NETWORK, "cannot send NetBIOS node status queries (UDP " + port + "): "
                    + e.getMessage(), "Check that this machine may send UDP to those addresses", e);
        }
        Map<String, NodeStatus> ordered = new LinkedHashMap<>();
        for (InetAddress a : addresses) {
            NodeStatus s = answers.get(a.getHostAddress());
            if (s != null) {
                ordered.put(a.getHostAddress(), s);
            }
        }
        return new Sweep(ordered, unanswered, malformed);
    }

    private record Pending(InetAddress address, int id, long deadline, int attempt) {}

    private Pending send(DatagramSocket socket, InetAddress a, int id, int attempt) throws IOException {
        byte[] request = NbnsPacket.nodeStatusQuery(id);
        try {
            socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(a, port)));
        } catch (java.net.PortUnreachableException | java.net.NoRouteToHostException unreachable) {
            // counted as unanswered when its deadline passes
        }
        return new Pending(a, id, System.nanoTime() + timeout.toNanos(), attempt);
    }
}
