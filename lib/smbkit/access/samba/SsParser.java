package smbkit.access.samba;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import smbkit.model.TcpConnection;

/**
 * {@code ss -H -t -a -n -i -p} (iproute2) as TCP connections: each socket is a line at the left margin (state,
 * queues, local and peer address, the owning process) followed by indented lines of the kernel's TCP
 * statistics (tcp_info: {@code bytes_received}, {@code bytes_acked}, {@code lastsnd}, {@code lastrcv} in ms).
 * Bounded: at most {@link #MAX_CONNECTIONS} sockets are read and lines longer than {@link #MAX_LINE} are
 * skipped; a line that does not parse is ignored, never an exception.
 */
public final class SsParser {

    private SsParser() {}

    static final int MAX_CONNECTIONS = 100_000;
    static final int MAX_LINE = 64 * 1024;

    /** ss's state names in the vocabulary of MIB_TCP_STATE, which Windows' netstat uses too. */
    static final Map<String, String> STATES = Map.ofEntries(Map.entry("ESTAB", "ESTABLISHED"), Map.entry("LISTEN", "LISTEN"),
            Map.entry("SYN-SENT", "SYN_SENT"), Map.entry("SYN-RECV", "SYN_RCVD"), Map.entry("FIN-WAIT-1", "FIN_WAIT1"),
            Map.entry("FIN-WAIT-2", "FIN_WAIT2"), Map.entry("CLOSE-WAIT", "CLOSE_WAIT"), Map.entry("CLOSING", "CLOSING"),
            Map.entry("LAST-ACK", "LAST_ACK"), Map.entry("TIME-WAIT", "TIME_WAIT"), Map.entry("UNCONN", "CLOSED"),
            Map.entry("CLOSED", "CLOSED"));

    private static final Pattern PID = Pattern.compile("pid=(\\d{1,10})");
    private static final Pattern STAT = Pattern.compile("(?:^|\\s)(bytes_received|bytes_acked|bytes_sent|lastsnd|lastrcv):(\\d{1,19})(?=\\s|$)");

    /**
     * The sockets whose local port is one of {@code ports}, listeners left out; age is left null (ss does not
     * tell it).
     */
    public static List<TcpConnection> parse(String output, Set<Integer> ports) {
        List<TcpConnection> out = new ArrayList<>();
        Builder current = null;
        int sockets = 0;
        for (String line : (output == null ? "" : output).split("\n", -1)) {
            if (line.length() > MAX_LINE || line.isBlank()) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                add(out, current, ports);
                current = null;
                if (++sockets > MAX_CONNECTIONS) {
                    break;
                }
                current = socket(line);
            } else if (current != null) {
                current.stats(line);
            }
        }
        add(out, current, ports);
        return out;
    }

    private static void add(List<TcpConnection> out, Builder b, Set<Integer> ports) {
        if (b != null && !"LISTEN".equals(b.state) && ports.contains(b.localPort)) {
            out.add(b.build());
        }
    }

    /** "ESTAB 0 0 127.0.0.1:445 127.0.0.162:36099 users:(("smbd",pid=3500,fd=4)) ino:... sk:f": null when odd. */
    private static Builder socket(String line) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 5) {
            return null;
        }
        String state = STATES.get(f[0].toUpperCase(Locale.ROOT));
        String[] local = endpoint(f[3]);
        String[] peer = endpoint(f[4]);
        if (state == null || local == null || peer == null) {
            return null;
        }
        Builder b = new Builder();
        b.state = state;
        b.localAddress = local[0];
        b.localPort = port(local[1]);
        b.remoteAddress = peer[0];
        b.remotePort = port(peer[1]);
        if (b.localPort < 0) {
            return null;
        }
        Matcher m = PID.matcher(line);
        b.pid = m.find() ? Long.parseLong(m.group(1)) : null;
        // ss prints the statistics on the same line when its output is not wrapped (-O).
        b.stats(line);
        return b;
    }

    /** "127.0.0.1:445", "[::ffff:10.0.0.5]:445", "[fe80::1%eth0]:445", "*:445": address and port, or null. */
    static String[] endpoint(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            return null;
        }
        String address = s.substring(0, colon);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int scope = address.indexOf('%');
        address = scope >= 0 ? address.substring(0, scope) : address;
        return new String[] {plainAddress(address), s.substring(colon + 1)};
    }

    /** An IPv4 client of a dual-stack socket ({@code ::ffff:10.0.0.5}) as the IPv4 address smbstatus shows. */
    public static String plainAddress(String address) {
        String a = address == null ? "" : address.toLowerCase(Locale.ROOT);
        return a.startsWith("::ffff:") && a.indexOf('.') > 0 ? a.substring("::ffff:".length()) : a;
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Builder {
        String state;
        String localAddress;
        int localPort;
        String remoteAddress;
        int remotePort;
        Long pid;
        Long received;
        Long acked;
        Long sent;
        Long lastSend;
        Long lastReceive;

        void stats(String line) {
            Matcher m = STAT.matcher(line);
            while (m.find()) {
                Long v;
                try {
                    v = Long.parseLong(m.group(2));
                } catch (NumberFormatException e) {
                    continue;
                }
                switch (m.group(1)) {
                    case "bytes_received" -> received = v;
                    case "bytes_acked" -> acked = v;
                    case "bytes_sent" -> sent = v;
                    case "lastsnd" -> lastSend = v;
                    default -> lastReceive = v;
                }
            }
        }

        TcpConnection build() {
            Long idle = lastSend;
            if (idle == null || (lastReceive != null && lastReceive < idle)) {
                idle = lastReceive;
            }
            Long in = received;
            if (in == null && (acked != null || sent != null)) {
                in = 0L;
            }
            // bytes_acked, as Windows' ThruBytesAcked; bytes_sent (which counts retransmissions) when the kernel is older.
            Long outBytes = acked != null ? acked : sent;
            Long idleSeconds = idle == null ? null : Long.valueOf(idle / 1000);
            return new TcpConnection(localAddress, localPort, remoteAddress, Math.max(0, remotePort), state, in, outBytes,
                    null, idleSeconds, pid);
        }
    }
}
