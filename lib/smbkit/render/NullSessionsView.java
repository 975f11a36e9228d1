package smbkit.render;

import java.util.List;

import smbkit.kb.NullClient;
import smbkit.kb.Persistence;
import smbkit.model.Order;

/** find-null-sessions' output: one row per client holding NULL sessions, then the verdict. */
public final class NullSessionsView {

    private NullSessionsView() {}

    public static TableData table(List<NullClient> clients) {
        TableData t = new TableData("NULL sessions")
                .column("client", "Client", String.class)
                .column("sessions", "Now", Long.class)
                .column("permanent", "Permanent", Long.class)
                .column("young", "Young (<90 s)", Long.class)
                .column("gone", "Gone", Long.class)
                .column("users", "As", String.class)
                .column(Column.of("longest_active_s", "Longest", Long.class, Renderer::duration))
                .column(Column.of("max_idle_s", "Idle", Long.class, Renderer::duration))
                .column("holds", "Holds open", String.class)
                .column(Column.of("holds_spoolss", "spoolss", Boolean.class, v -> ((Boolean) v) ? "YES" : "no"));
        for (NullClient c : clients.stream().sorted(java.util.Comparator.comparing(NullClient::client, Order.NAMES)).toList()) {
            String users = String.join(", ", c.sessions().stream()
                    .map(s -> s.last().user() == null ? "?" : s.last().user().isEmpty() ? "(null)" : s.last().user())
                    .distinct().toList());
            t.row(c.client(), c.present(), c.count(Persistence.PERMANENT), c.count(Persistence.YOUNG),
                    c.count(Persistence.GONE), users, c.longestActiveS(), c.maxIdleS(),
                    c.holds().isEmpty() ? null : String.join(", ", c.holds()), c.holdsSpoolss());
        }
        return t;
    }
}
