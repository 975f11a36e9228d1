package smbkit.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import smbkit.kb.ClientActivity;
import smbkit.kb.NullSessionAnalysis;
import smbkit.model.Connection;
import smbkit.model.Limits;
import smbkit.model.OpenFile;
import smbkit.model.Order;
import smbkit.model.Share;

/** map-open-pipes' views: net files, the connection table, net share, and the join per client. */
public final class OpenPipesViews {

    private OpenPipesViews() {}

    public static TableData files(List<OpenFile> files) {
        TableData t = new TableData("Open files and pipes")
                .column("id", "Id", Long.class)
                .column(Column.of("user", "User", String.class, Renderer::userName))
                .column("path", "Path", String.class)
                .column("kind", "Kind", String.class)
                .column(Column.of("kb_suspect", "KB suspect", Boolean.class, v -> ((Boolean) v) ? "YES (print spooler RPC)" : ""))
                .column("locks", "Locks", Long.class)
                .column("permissions", "Permissions", Long.class);
        for (OpenFile f : files.stream().sorted(java.util.Comparator.comparing(OpenFile::user, Order.NAMES)
                .thenComparing(OpenFile::path, Order.NAMES).thenComparingLong(OpenFile::id)).toList()) {
            t.row(f.id(), f.user(), f.path(),
                    f.isPipe() ? "pipe" : "file", NullSessionAnalysis.isSpoolss(f.path()), f.locks(), f.permissions());
        }
        return t;
    }

    /** Connections per share as the server lists them; rows only when the server gives real data. */
    public static TableData connections(Map<String, List<Connection>> byShare, boolean reliable) {
        TableData t = new TableData("Connections")
                .column("share", "Share", String.class)
                .column("client", "Client", String.class)
                .column("user", "User", String.class)
                .column("opens", "Opens", Long.class)
                .column(Column.of("seconds", "Connected", Long.class, Renderer::duration))
                .column("count", "Connections", Long.class)
                .column("details", "Details", String.class);
        byShare.forEach((share, list) -> {
            if (reliable) {
                for (Connection c : list.stream().sorted(java.util.Comparator.comparing(Connection::netname, Order.NAMES)
                        .thenComparing(Connection::user, Order.NAMES)).toList()) {
                    t.row(share, c.netname(), c.user(), c.opens(), c.seconds(), 1L, null);
                }
            } else {
                t.row(share, null, null, null, null, (long) list.size(), "placeholder data (Samba): not shown");
            }
        });
        return t;
    }

    public static TableData shares(List<Share> shares) {
        TableData t = new TableData("Shares")
                .column("name", "Share", String.class)
                .column("type", "Type", String.class)
                .column(Column.of("printer", "Printer", Boolean.class, v -> ((Boolean) v) ? "PRINTER" : ""))
                .column("remark", "Remark", String.class)
                .column("path", "Path", String.class)
                .column("current_uses", "Uses", Long.class)
                .column(Column.of("max_uses", "Max", Long.class, v -> ((Number) v).longValue() == Limits.UNLIMITED ? "unlimited" : v.toString()));
        for (Share s : shares.stream().sorted(java.util.Comparator.comparing(Share::name, Order.NAMES)).toList()) {
            t.row(s.name(), s.kind(), s.isPrinter(), s.remark(), s.path(), s.currentUses(), s.maxUses());
        }
        return t;
    }

    public static TableData clients(List<ClientActivity> clients) {
        return clients(clients, Map.of());
    }

    /** With the clients' NetBIOS names by client ({@code client_name}, null when unknown). */
    public static TableData clients(List<ClientActivity> clients, Map<String, String> names) {
        TableData t = new TableData("Per client")
                .clientColumns()
                .column("sessions", "Sessions", Long.class)
                .column("null_sessions", "NULL/guest", Long.class)
                .column("users", "Users", String.class)
                .column("opens", "Opens", Long.class)
                .column("files", "Files", String.class)
                .column("pipes", "Pipes", String.class)
                .column(Column.of("holds_spoolss", "spoolss", Boolean.class, v -> ((Boolean) v) ? "YES" : ""))
                .column("connections", "Connections", String.class);
        for (ClientActivity c : clients.stream().sorted(java.util.Comparator.comparing(ClientActivity::client, Order.NAMES)).toList()) {
            long opens = c.sessions().stream().mapToLong(s -> s.opens() == null ? 0 : s.opens()).sum();
            Map<String, Integer> shares = new TreeMap<>();
            c.connections().forEach(x -> shares.merge(x.qualifier(), 1, Integer::sum));
            t.row(c.client(), TableData.clientName(names, c.client()), (long) c.sessions().size(), c.anonymousSessions(), String.join(", ", c.users()),
                    c.sessions().isEmpty() ? null : opens,
                    join(c.files().stream().filter(f -> !f.isPipe()).map(OpenFile::path).toList()),
                    join(c.pipes().stream().map(OpenFile::path).toList()),
                    c.holdsSpoolss(),
                    shares.isEmpty() ? null : shares.toString());
        }
        return t;
    }

    private static String join(List<String> items) {
        return items.isEmpty() ? null : String.join(", ", items);
    }
}
