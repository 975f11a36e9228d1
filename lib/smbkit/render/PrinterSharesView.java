package smbkit.render;

import java.util.List;
import java.util.Map;

import smbkit.change.PrinterShares;
import smbkit.rpc.dtyp.SecurityDescriptorText;

/** remove-printer-shares' output: one row per printer share per host, with what was (or would be) done. */
public final class PrinterSharesView {

    private PrinterSharesView() {}

    public static TableData table() {
        return new TableData("Printer shares")
                .column("host", "Host", String.class)
                .column("share", "Share", String.class)
                .column("remark", "Remark", String.class)
                .column("path", "Path", String.class)
                .column("connections", "Connections", Long.class)
                .column("clients", "Connected", String.class)
                .column("security", "Who may print and manage", String.class)
                .column("way", "Way", String.class)
                .column("result", "Result", String.class);
    }

    public static void add(TableData t, PrinterShares.Plan plan, Map<String, String> results) {
        for (PrinterShares.Printer p : plan.printers()) {
            t.row(plan.host(), p.share().name(), p.share().remark(), p.share().path(), p.connections(),
                    p.clients().isEmpty() ? null : String.join(", ", p.clients()),
                    SecurityDescriptorText.describe(p.share().securityDescriptor()),
                    plan.way().label,
                    results.getOrDefault(p.share().name(), plan.way() == PrinterShares.Way.NONE ? "refused" : "would remove"));
        }
    }

    /** A host with no row of its own (nothing to do, unreachable): one row that says so. */
    public static void addHost(TableData t, String host, String result) {
        t.row(host, null, null, null, null, null, null, null, result);
    }

    public static void addRestored(TableData t, String host, List<PrinterShares.Outcome> outcomes) {
        for (PrinterShares.Outcome o : outcomes) {
            t.row(host, o.share(), null, null, null, null, null, null, o.result());
        }
    }
}
