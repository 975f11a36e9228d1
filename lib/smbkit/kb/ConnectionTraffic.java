package smbkit.kb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import smbkit.model.Session;
import smbkit.model.SessionEndpoint;
import smbkit.model.SessionKind;
import smbkit.model.TcpConnection;

/**
 * One TCP connection to the server with the sessions it carries ({@code nbtstat -s} next to {@code net
 * session}), joined by client address and port, or by address alone where the platform gives no port
 * (Windows): then every established connection from the address is shown with all of the address's sessions,
 * since nothing says which carries which. A session no connection matches is kept with a null connection, so
 * nothing is hidden.
 *
 * <p>The KB's stuck spooler: a NULL (or guest) session, and no user's, on an established connection that has
 * carried no data for {@link #STUCK_IDLE_SECONDS} or more: the slot is held and nothing uses it.
 */
public record ConnectionTraffic(TcpConnection connection, List<Session> sessions, boolean stuckSpooler) {

    /** Two minutes without a byte in either direction. */
    public static final long STUCK_IDLE_SECONDS = 120;

    /** null, guest, user, unknown (comma-separated, in that order) or none: who the connection's sessions are. */
    public String sessionKind() {
        if (sessions.isEmpty()) {
            return "none";
        }
        return String.join(",", sessions.stream().map(Session::kind).distinct().sorted().map(SessionKind::label).toList());
    }

    public static List<ConnectionTraffic> join(List<TcpConnection> connections, List<SessionEndpoint> sessions) {
        List<ConnectionTraffic> out = new ArrayList<>();
        Set<SessionEndpoint> matched = new HashSet<>();
        List<TcpConnection> sorted = connections.stream().sorted(Comparator.comparing((TcpConnection c) -> address(c.remoteAddress()))
                .thenComparingInt(TcpConnection::remotePort).thenComparingInt(TcpConnection::localPort)).toList();
        for (TcpConnection c : sorted) {
            List<Session> carried = new ArrayList<>();
            for (SessionEndpoint s : sessions) {
                // By address alone, only an established connection can carry the session.
                boolean byPort = s.port() != null && s.port() == c.remotePort();
                boolean byAddress = s.port() == null && c.established();
                if (address(s.address()).equals(address(c.remoteAddress())) && (byPort || byAddress)) {
                    carried.add(s.session());
                    matched.add(s);
                }
            }
            out.add(new ConnectionTraffic(c, carried, stuck(c, carried)));
        }
        for (SessionEndpoint s : sessions) {
            if (!matched.contains(s)) {
                out.add(new ConnectionTraffic(null, List.of(s.session()), false));
            }
        }
        return out;
    }

    static boolean stuck(TcpConnection c, List<Session> sessions) {
        boolean anonymous = sessions.stream().anyMatch(s -> s.kind() == SessionKind.NULL || s.kind() == SessionKind.GUEST);
        boolean user = sessions.stream().anyMatch(s -> s.kind() == SessionKind.USER);
        return c.established() && anonymous && !user && c.idleSeconds() != null && c.idleSeconds() >= STUCK_IDLE_SECONDS;
    }

    /** Addresses compare without case, brackets or an IPv4-mapped prefix ({@code ::ffff:10.0.0.5}). */
    static String address(String a) {
        String s = a == null ? "" : a.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.startsWith("::ffff:") && s.indexOf('.') > 0 ? s.substring("::ffff:".length()) : s;
    }
}
