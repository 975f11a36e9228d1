package smbkit.render;

import java.util.List;

import smbkit.kb.ConnectionTraffic;
import smbkit.model.Session;
import smbkit.model.TcpConnection;

/** smb-open-pipes --view tcp: the server's TCP connection table with its traffic, joined to the sessions (nbtstat -s). */
public final class ConnectionTableView {

    private ConnectionTableView() {}

    public static TableData tcp(List<ConnectionTraffic> joined) {
        TableData t = new TableData("TCP connections (nbtstat -s)")
                .column("client", "Client", String.class)
                .column("client_port", "Port", Long.class)
                .column("local", "Server end", String.class)
                .column("state", "State", String.class)
                .column("bytes_in", "Bytes in", Long.class)
                .column("bytes_out", "Bytes out", Long.class)
                .column(Column.of("age_seconds", "Age", Long.class, Renderer::duration))
                .column(Column.of("idle_seconds", "Idle", Long.class, Renderer::duration))
                .column("session_kind", "Sessions", String.class)
                .column(Column.of("users", "Users", String.class, v -> v.toString()))
                .column(Column.of("stuck_spooler", "Stuck spooler", Boolean.class, v -> ((Boolean) v) ? "YES (NULL session, no traffic)" : ""))
                .column("note", "Note", String.class);
        for (ConnectionTraffic j : joined) {
            TcpConnection c = j.connection();
            String users = String.join(", ", j.sessions().stream().map(Session::user).filter(u -> u != null && !u.isEmpty()).distinct().toList());
            String note = c == null ? "session without a TCP connection on the server's ports"
                    : j.stuckSpooler() ? "KB 328459: an anonymous session idle for " + c.idleSeconds() + " s holds a slot"
                    : null;
            if (c == null) {
                Session s = j.sessions().get(0);
                t.row(s.client(), null, null, null, null, null, null, null, j.sessionKind(), users.isEmpty() ? null : users, false, note);
            } else {
                t.row(c.remoteAddress(), (long) c.remotePort(), c.localAddress() + ":" + c.localPort(), c.state(), c.bytesIn(), c.bytesOut(),
                        c.ageSeconds(), c.idleSeconds(), j.sessionKind(), users.isEmpty() ? null : users, j.stuckSpooler(), note);
            }
        }
        return t;
    }
}
