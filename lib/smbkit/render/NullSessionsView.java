package smbkit.render;

import java.util.ArrayList;
import java.util.List;

import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.NullSessionVerdict;
import smbkit.kb.Persistence;
import smbkit.kb.SessionCount;
import smbkit.model.Commands;
import smbkit.model.Order;

/** find-null-sessions' output: one row per client holding NULL sessions, then the verdict. */
public final class NullSessionsView {

    private NullSessionsView() {}

    public static TableData table(List<NullClient> clients) {
        return table(clients, java.util.Map.of());
    }

    /** With the clients' NetBIOS names by client ({@code client_name}, null when unknown). */
    public static TableData table(List<NullClient> clients, java.util.Map<String, String> names) {
        TableData t = new TableData("NULL sessions")
                .clientColumns()
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
            t.row(c.client(), TableData.clientName(names, c.client()), c.present(), c.count(Persistence.PERMANENT), c.count(Persistence.YOUNG),
                    c.count(Persistence.GONE), users, c.longestActiveS(), c.maxIdleS(),
                    c.holds().isEmpty() ? null : String.join(", ", c.holds()), c.holdsSpoolss());
        }
        return t;
    }

    /** The verdict in the KB's terms: the slots NULL sessions take, the clients to visit, and the methods. */
    public static List<String> verdict(NullSessionVerdict v) {
        SessionCount count = v.count();
        String host = v.host();
        long taken = v.slotsTaken();
        List<String> lines = new ArrayList<>();
        String slots = count.limit().limit() == null ? taken + " of the " + count.total() + " sessions"
                : taken + " of the " + count.limit().limit() + " slots (" + count.total() + " in use)";
        if (taken == 0) {
            lines.add("No NULL sessions on " + host + " now" + (v.gone() > 0 ? " (" + v.gone() + " temporary one(s) came and went)" : "")
                    + ": KB 328459's usual cause is not present.");
        } else {
            lines.add("NULL sessions hold " + slots + " on " + host + ": " + v.permanent() + " permanent, " + v.young() + " younger than "
                    + NullSessionAnalysis.TEMPORARY_MAX_S + " s" + (v.gone() > 0 ? "; " + v.gone() + " temporary one(s) came and went" : "") + ".");
        }
        if (v.young() > 0 && v.permanent() == 0) {
            lines.add("Temporary NULL sessions (IPC$ set-up) drop within 30 to 90 s: sample longer to tell "
                    + "(" + Commands.SAMPLE_LONGER + ").");
        }
        for (NullClient c : v.clients()) {
            if (c.count(Persistence.PERMANENT) > 0) {
                lines.add("  " + c.client() + ": " + c.count(Persistence.PERMANENT) + " permanent NULL session(s)"
                        + (Boolean.TRUE.equals(c.holdsSpoolss()) ? ", holding \\PIPE\\spoolss (the print spooler's RPC)" : "")
                        + (c.holdsSpoolss() == null ? " (whether they hold \\PIPE\\spoolss is unknown: the server does not list pipes)" : "")
                        + ".");
            }
        }
        if (v.permanent() > 0) {
            lines.add("Method 1 on " + host + ": restrict NULL sessions: " + Commands.restrictAnonymous(host, v.samba())
                    + " (a dry run; add --apply).");
            lines.add("Method 2 on " + String.join(", ", v.clientsToVisit()) + ": remove their printer shares: "
                    + Commands.removePrinterShares(v.clientsToVisit()) + " (a dry run; add --apply).");
            lines.add("Existing NULL sessions stay until closed; last resort: " + Commands.closeNullSessions(host)
                    + " (a dry run; add --apply).");
        }
        return lines;
    }
}
