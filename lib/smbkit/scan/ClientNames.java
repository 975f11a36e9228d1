package smbkit.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import smbkit.netbios.NbnsPacket;
import smbkit.netbios.NodeStatus;

/**
 * The NetBIOS computer names of session clients, as {@code net session} shows {@code \\NAME}: one node status
 * query ({@code nbtstat -A}) per client address, every address asked at once (at most {@link #PARALLEL}
 * outstanding), within {@link #BUDGET} per address (at once for an address that refuses), cached for the run. An address that does not answer, answers
 * badly, or cannot be asked has no name (null): names are a help, never a failure. Only IPv4 literals are asked
 * (NetBIOS has no IPv6); a client the server lists by name keeps it. {@link #OFF} asks nothing.
 */
public final class ClientNames {

    /** The time one address may take, retries included: a listing whose clients stay silent waits at most this. */
    public static final Duration BUDGET = Duration.ofMillis(300);
    /** Queries outstanding at once. */
    public static final int PARALLEL = 256;

    /** Asks nothing: every name is null ({@code --no-names}). */
    public static final ClientNames OFF = new ClientNames(null);

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final Integer port;
    private final Map<String, String> cache = new HashMap<>();
    private int answered;
    private int refused;
    private int silent;
    private int malformed;

    /** How the addresses asked so far ended: named (or answered without a computer name), refused at once, silent for the whole budget, answered badly. */
    public record Counts(int answered, int refused, int silent, int malformed) {}

    public synchronized Counts counts() {
        return new Counts(answered, refused, silent, malformed);
    }

    private ClientNames(Integer port) {
        this.port = port;
    }

    /**
     * Node status to {@code port} (137 but in tests), two attempts within {@link #BUDGET}. Loads the classes the
     * lookup needs on a daemon thread meanwhile (NIO's selector and channels: some 100 ms of a cold one-liner),
     * so that a script which makes this before connecting pays for them while it waits for the server.
     */
    public static ClientNames on(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        Thread warm = new Thread(ClientNames::warmUp, "client-names-warm-up");
        warm.setDaemon(true);
        warm.start();
        return new ClientNames(port);
    }

    private static void warmUp() {
        try (Selector s = Selector.open(); DatagramChannel ch = DatagramChannel.open()) {
            ch.configureBlocking(false);
            ch.register(s, SelectionKey.OP_READ);
            NbnsPacket.nodeStatusQuery(1);
            s.selectNow();
        } catch (IOException | RuntimeException ignored) {
            // only a head start: the lookup itself says nothing either
        }
    }

    public boolean enabled() {
        return port != null;
    }

    /**
     * Looks up every client not yet known, all at once, and returns the names of {@code clients} by client as
     * given (a client without a name is absent).
     */
    public synchronized Map<String, String> of(Collection<String> clients) {
        Map<String, String> out = new HashMap<>();
        if (port == null) {
            return out;
        }
        Map<String, InetAddress> ask = new HashMap<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (String c : clients) {
            if (c == null) {
                continue;
            }
            wanted.add(c);
            String key = address(c);
            if (key != null && !cache.containsKey(key) && !ask.containsKey(key)) {
                try {
                    ask.put(key, InetAddress.getByName(key)); // a literal: no DNS
                } catch (UnknownHostException notAnAddress) {
                    cache.put(key, null);
                }
            }
        }
        if (!ask.isEmpty()) {
            cache.putAll(lookup(ask));
        }
        for (String c : wanted) {
            String key = address(c);
            String name = key == null ? null : cache.get(key);
            if (name != null) {
                out.put(c, name);
            }
        }
        return out;
    }

    /** One query outstanding: its own connected channel, so that a refusal (ICMP port unreachable) ends it at once. */
    private record Pending(InetAddress address, int id, long deadline, int attempt) {}

    /**
     * Node status of every address, at most {@link #PARALLEL} at once, each on a connected channel: an address
     * that refuses (nothing on its UDP 137: the kernel hears ICMP port unreachable) ends at once, a silent one
     * after {@link #BUDGET} (two attempts), a malformed answer gives no name. The names found, null for the rest.
     */
    private Map<String, String> lookup(Map<String, InetAddress> ask) {
        Map<String, String> names = new HashMap<>();
        ask.keySet().forEach(k -> names.put(k, null));
        Deque<InetAddress> queue = new ArrayDeque<>(ask.values());
        Map<DatagramChannel, Pending> open = new HashMap<>();
        long attemptNanos = BUDGET.toNanos() / 2;
        int nextId = ThreadLocalRandom.current().nextInt(1, 0x8000);
        ByteBuffer buf = ByteBuffer.allocate(1500);
        try (Selector selector = Selector.open()) {
            while (!queue.isEmpty() || !open.isEmpty()) {
                while (!queue.isEmpty() && open.size() < PARALLEL) {
                    InetAddress a = queue.poll();
                    int id = nextId;
                    nextId = nextId % 0x7FFF + 1;
                    DatagramChannel ch = null;
                    try {
                        ch = DatagramChannel.open();
                        ch.connect(new InetSocketAddress(a, port));
                        ch.configureBlocking(false);
                        ch.register(selector, SelectionKey.OP_READ);
                        ch.write(ByteBuffer.wrap(NbnsPacket.nodeStatusQuery(id)));
                        open.put(ch, new Pending(a, id, System.nanoTime() + attemptNanos, 0));
                    } catch (IOException cannotAsk) {
                        refused++;
                        close(ch); // unreachable, no route, out of descriptors: no name
                    }
                }
                long nearest = open.values().stream().mapToLong(Pending::deadline).min().orElse(System.nanoTime());
                long waitMs = Math.max(1, (nearest - System.nanoTime() + 999_999) / 1_000_000);
                selector.select(waitMs);
                for (SelectionKey k : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    Pending q = open.get(ch);
                    if (q == null) {
                        continue;
                    }
                    buf.clear();
                    boolean finished = true;
                    try {
                        int n = ch.read(buf);
                        byte[] b = java.util.Arrays.copyOf(buf.array(), Math.max(0, n));
                        if (n < 2 || ((b[0] & 0xFF) << 8 | (b[1] & 0xFF)) != q.id()) {
                            finished = false; // not ours: wait on
                        } else {
                            NbnsPacket.Response r = NbnsPacket.parse(b, n);
                            if (r.positive()) {
                                NodeStatus st = NbnsPacket.nodeStatus(q.address(), r);
                                names.put(q.address().getHostAddress(), st.computerName().map(ClientNames::printable).orElse(null));
                                answered++;
                            } else {
                                malformed++;
                            }
                        }
                    } catch (IOException notThere) {
                        refused++; // PortUnreachableException: nothing listens there
                    } catch (RuntimeException bad) {
                        malformed++; // MalformedReplyException: no name either
                    }
                    if (finished) {
                        open.remove(ch);
                        close(ch);
                    }
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                for (Map.Entry<DatagramChannel, Pending> e : List.copyOf(open.entrySet())) {
                    Pending q = e.getValue();
                    if (q.deadline() > now) {
                        continue;
                    }
                    if (q.attempt() == 0) {
                        try {
                            e.getKey().write(ByteBuffer.wrap(NbnsPacket.nodeStatusQuery(q.id())));
                            open.put(e.getKey(), new Pending(q.address(), q.id(), now + attemptNanos, 1));
                            continue;
                        } catch (IOException refusedNow) {
                            refused++;
                            open.remove(e.getKey());
                            close(e.getKey());
                            continue;
                        }
                    }
                    silent++;
                    open.remove(e.getKey());
                    close(e.getKey());
                }
            }
        } catch (IOException selectorFailed) {
            // names are a help: what was found stands
        } finally {
            open.keySet().forEach(ClientNames::close);
        }
        return names;
    }

    /** A name as an answer spells it, control characters shown as {@code ?}: it reaches terminals and reports. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder(name.length());
        name.strip().codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.isEmpty() ? null : b.toString();
    }

    private static void close(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a UDP channel loses nothing
            }
        }
    }

    /** The name of one client, or null (looked up if not yet known). */
    public String of(String client) {
        return client == null ? null : of(List.of(client)).get(client);
    }

    /** The IPv4 address a client string holds ({@code 10.0.0.7}, {@code \\10.0.0.7}, {@code ipv4:10.0.0.7:49152}), or null. */
    static String address(String client) {
        String c = client.strip();
        while (c.startsWith("\\")) {
            c = c.substring(1);
        }
        if (c.startsWith("ipv4:")) {
            c = c.substring(5);
        }
        int colon = c.indexOf(':');
        if (colon >= 0 && c.indexOf(':', colon + 1) < 0) {
            c = c.substring(0, colon);
        }
        var m = IPV4.matcher(c);
        if (!m.matches()) {
            return null;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return null;
            }
        }
        return c;
    }
}
