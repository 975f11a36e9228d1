package smbkit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import smbkit.kb.SessionCount;
import smbkit.model.Order;
import smbkit.model.ServerInfo;
import smbkit.model.Session;

/** list-sessions' output: one row per session, then the count against the limit. */
public final class SessionsView {

    private SessionsView() {}

    /** Sessions by client, then user, then the longest-lived first: the server's own order is no order. */
    public static final java.util.Comparator<Session> ORDER = java.util.Comparator.comparing(Session::client, Order.NAMES)
            .thenComparing(Session::user, Order.NAMES)
            .thenComparing(s -> s.activeSeconds() == null ? 0L : -s.activeSeconds());

    public static TableData table(List<Session> sessions) {
        return table(sessions, Map.of());
    }

    /** With the clients' NetBIOS names by client ({@code client_name}, null when unknown). */
    public static TableData table(List<Session> sessions, Map<String, String> names) {
        TableData t = new TableData("Sessions")
                .clientColumns()
                .column(Column.of("user", "User", String.class, Renderer::userName))
                .column("kind", "Kind", String.class)
                .column("opens", "Opens", Long.class)
                .column(Column.of("active_s", "Active", Long.class, Renderer::duration))
                .column(Column.of("idle_s", "Idle", Long.class, Renderer::duration))
                .column("user_flags", null, Long.class)
                .column("client_type", "Client type", String.class)
                .column("transport", "Transport", String.class);
        for (Session s : sessions.stream().sorted(ORDER).toList()) {
            t.row(s.client(), TableData.clientName(names, s.client()), s.user(), s.kind().label(), s.opens(), s.activeSeconds(), s.idleSeconds(),
                    s.userFlags(), s.clientType(), s.transport());
        }
        return t;
    }

    /** The lines under the table: sessions against the limit, anonymous ones, clients with several. */
    public static List<String> summary(SessionCount count, ServerInfo info, String where, String source) {
        List<String> lines = new ArrayList<>();
        String server = info == null ? where : where + " (" + info.name() + ", " + FindingText.platform(info) + ")";
        lines.add("Sessions: " + FindingText.load(count.limit(), count.total()) + " on " + server
                + (count.limit().limit() == null ? "; " : ", limit from ") + FindingText.basis(count.limit()) + ".");
        if (count.full()) {
            lines.add("The server is at its limit: the next client gets System error 71 (no more connections).");
        } else if (count.free() != null) {
            lines.add(Words.count(count.free(), "slot") + " free.");
        }
        lines.add("NULL/guest sessions: " + count.anonymous() + ".");
        Map<String, List<Session>> several = count.clientsWithSeveral();
        if (several.isEmpty()) {
            lines.add("No client holds more than one session.");
        } else {
            lines.add("Clients holding more than one session (each one takes a slot):");
            several.forEach((client, list) -> {
                Map<String, Integer> kinds = new TreeMap<>();
                list.forEach(s -> kinds.merge(s.kind().label(), 1, Integer::sum));
                StringBuilder k = new StringBuilder();
                kinds.forEach((kind, n) -> k.append(k.length() == 0 ? "" : ", ").append(n).append(' ').append(kind));
                lines.add("  " + client + ": " + list.size() + " sessions (" + k + ")");
            });
        }
        lines.add("(Listed with " + source + ".)");
        return lines;
    }
}
