package smbkit.render;

import java.util.ArrayList;
import java.util.List;

import smbkit.model.Computer;
import smbkit.scan.Workgroup;

/** smb-workgroup's output: one row per computer, then what the KB's Method 2 needs from it. */
public final class WorkgroupView {

    private WorkgroupView() {}

    public static TableData table(List<Computer> computers) {
        TableData t = new TableData("Computers")
                .column("name", "Name", String.class)
                .column("address", "Address", String.class)
                .column("workgroup", "Workgroup", String.class)
                .column(Column.of("type_flags", null, Long.class))
                .column(Column.of("types", "Types", List.class, WorkgroupView::shortTypes))
                .column("announces_print_queue", null, Boolean.class)
                .column("print_queue_server", "Print queue", Boolean.class)
                .column(Column.of("printer_shares", "Printer shares", List.class, v -> String.join(" ", strings(v))))
                .column("os_version", "OS", String.class)
                .column("comment", "Comment", String.class)
                .column(Column.of("names", "Names", List.class, v -> String.join(" ", strings(v))))
                .column("mac", "MAC", String.class)
                .column("master_browser", null, Boolean.class)
                .column("source", null, String.class);
        for (Computer c : computers.stream().sorted(java.util.Comparator.comparing(
                (Computer c) -> c.name() == null ? "" : c.name(), smbkit.model.Order.NAMES).thenComparing(c -> String.valueOf(c.address()), smbkit.model.Order.NAMES)).toList()) {
            t.row(c.name(), c.address(), c.workgroup(), c.typeFlags() == null ? null : Integer.toUnsignedLong(c.typeFlags()),
                    c.types(), c.announcesPrintQueue(), c.printQueueServer(), c.printerShares(), c.osVersion(), c.comment(),
                    c.names(), c.mac(), c.masterBrowser(), c.source());
        }
        return t;
    }

    /** The lines under the table: where the list came from, the print queue servers (Method 2's clients), the silent. */
    public static List<String> summary(Workgroup.Result r) {
        List<String> lines = new ArrayList<>();
        String where = r.master() != null ? "browse list of the master browser " + r.master()
                : "NetBIOS node status of " + r.asked() + " address" + (r.asked() == 1 ? "" : "es");
        lines.add((r.workgroup() == null ? "Computers" : "Workgroup " + r.workgroup()) + ": " + r.computers().size()
                + " computer" + (r.computers().size() == 1 ? "" : "s") + " (" + where + ")" + (r.partial() ? ", a partial list" : "") + ".");
        List<String> pq = r.computers().stream().filter(Computer::printQueueServer)
                .map(c -> c.name() == null ? c.address() : c.name()).toList();
        lines.add(pq.isEmpty() ? "No print queue servers."
                : "Print queue servers (KB 328459 Method 2: smb-printer-shares on each): " + String.join(", ", pq) + ".");
        if (!r.unanswered().isEmpty()) {
            lines.add(r.unanswered().size() + " address" + (r.unanswered().size() == 1 ? "" : "es") + " did not answer.");
        }
        r.malformed().forEach((a, why) -> lines.add(a + ": malformed node status reply (" + why + ")."));
        return lines;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    /** The type bits a table has room for: the roles, without the protocol details. */
    private static String shortTypes(Object v) {
        List<String> keep = List.of("workstation", "server", "print_queue_server", "domain_controller",
                "backup_domain_controller", "nt", "nt_server", "master_browser", "backup_browser", "domain_master_browser");
        return String.join(" ", strings(v).stream().filter(keep::contains).map(s -> switch (s) {
            case "print_queue_server" -> "printq";
            case "domain_controller" -> "dc";
            case "backup_domain_controller" -> "bdc";
            case "master_browser" -> "master";
            case "backup_browser" -> "backup";
            case "domain_master_browser" -> "domain-master";
            case "nt_server" -> "nt-server";
            default -> s;
        }).toList());
    }
}
