package smbkit.scan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import smbkit.SmbkitException;
import smbkit.netbios.NameService;
import smbkit.netbios.NodeStatus;

/**
 * The NetBIOS computer names of session clients, as {@code net session} shows {@code \\NAME}: one node status
 * query ({@code nbtstat -A}) per client address, every address asked at once (at most {@link #PARALLEL}
 * outstanding), within {@link #BUDGET} per address, cached for the run. An address that does not answer, answers
 * badly, or cannot be asked has no name (null): names are a help, never a failure. Only IPv4 literals are asked
 * (NetBIOS has no IPv6); a client the server lists by name keeps it. {@link #OFF} asks nothing.
 */
public final class ClientNames {

    /** The time one address may take, retries included: a listing whose clients stay silent waits at most this. */
    public static final Duration BUDGET = Duration.ofMillis(300);
    /** Queries outstanding at once. */
    public static final int PARALLEL = 64;

    /** Asks nothing: every name is null ({@code --no-names}). */
    public static final ClientNames OFF = new ClientNames(null);

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final NameService service;
    private final Map<String, String> cache = new HashMap<>();

    private ClientNames(NameService service) {
        this.service = service;
    }

    /** Node status to {@code port} (137 but in tests), two attempts within {@link #BUDGET}. */
    public static ClientNames on(int port) {
        return new ClientNames(new NameService(port, BUDGET.dividedBy(2), 1));
    }

    public boolean enabled() {
        return service != null;
    }

    /**
     * Looks up every client not yet known, all at once, and returns the names of {@code clients} by client as
     * given (a client without a name is absent).
     */
    public synchronized Map<String, String> of(Collection<String> clients) {
        Map<String, String> out = new HashMap<>();
        if (service == null) {
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
            List<InetAddress> list = new ArrayList<>(ask.values());
            NameService.Sweep s;
            try {
                s = service.nodeStatus(list, PARALLEL, null);
            } catch (SmbkitException cannotSend) {
                s = new NameService.Sweep(Map.of(), List.of(), Map.of());
            }
            for (String key : ask.keySet()) {
                NodeStatus st = s.answers().get(key);
                cache.put(key, st == null ? null : st.computerName().orElse(null));
            }
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
