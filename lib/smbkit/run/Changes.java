package smbkit.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.change.AnonymousRestriction;
import smbkit.change.ChangeRuns;
import smbkit.change.PrinterShares;
import smbkit.kb.ClosePlan;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.render.CloseView;
import smbkit.render.Column;
import smbkit.render.PrinterSharesView;
import smbkit.render.TableData;

/**
 * The change steps for runbooks, one host at a time: the plan (a dry run: what would change), or the change
 * itself, through the same {@link ChangeRuns} the scripts call (the same backups and records, in the same
 * place), as tables.
 */
public final class Changes {

    private Changes() {}

    /** One host's rows, and the failure that stopped it there (null when none). */
    public record Result(TableData rows, SmbkitException failure) {}

    /** A change with its parameters, over some hosts. */
    public interface Plan {
        String call();

        List<String> hosts();

        Plan on(String... hosts);

        /** The table's columns (for hosts that all fail). */
        TableData shape(boolean applied);

        Result run(ServerAccess server, String host, boolean apply, ClosePlan.Self self, PrintWriter err);
    }

    // ---- Method 1 -------------------------------------------------------------------------------

    public static Plan restrictAnonymous(int level) {
        if (level < 0 || level > 2) {
            throw new SmbkitException(Failure.USAGE, "restriction level " + level + " is not 0, 1 or 2",
                    "0: no restriction, 1: no enumeration by NULL sessions, 2: NULL sessions refused");
        }
        return new Restrict(level, List.of());
    }

    static TableData restrictTable() {
        return new TableData("Restrict anonymous").column("key", "Key", String.class).column("name", "Value", String.class)
                .column("now", "Now", String.class).column("wanted", "Wanted", String.class)
                .column("result", "Result", String.class).column("backup", "Backup", String.class);
    }

    private record Restrict(int level, List<String> hosts) implements Plan {
        public String call() {
            return "restrictAnonymous";
        }

        public Plan on(String... h) {
            return new Restrict(level, List.of(h));
        }

        public TableData shape(boolean applied) {
            return restrictTable();
        }

        public Result run(ServerAccess server, String host, boolean apply, ClosePlan.Self self, PrintWriter err) {
            AnonymousRestriction.Reading reading = AnonymousRestriction.read(server);
            TableData t = restrictTable();
            if (reading.flavour() == AnonymousRestriction.Flavour.NONE) {
                t.row(null, null, null, null, "refused: " + reading.why(), null);
                return new Result(t, new SmbkitException(Failure.NOT_AVAILABLE, "no setting smbkit can change on " + host, reading.why()));
            }
            ChangeRuns.Restriction r = ChangeRuns.restrict(server, reading, level, apply, null,
                    "restrictAnonymous(" + level + ") on " + host, err, null);
            t.row(r.key(), r.now().name(), show(r.now().value()), show(r.wanted().value()), r.result(),
                    r.backup() == null ? null : r.backup().toString());
            return new Result(t, r.held() ? null : new SmbkitException(Failure.PARTIAL, "the change did not hold on " + host,
                    "Restore with " + r.restoreCommand()));
        }
    }

    private static String show(Optional<RegistryValue> v) {
        return ChangeRuns.show(v);
    }

    // ---- Method 2 -------------------------------------------------------------------------------

    public static Plan removePrinterShares(List<String> only) {
        return new Printers(List.copyOf(only), List.of());
    }

    private record Printers(List<String> only, List<String> hosts) implements Plan {
        public String call() {
            return "removePrinterShares";
        }

        public Plan on(String... h) {
            return new Printers(only, List.of(h));
        }

        public TableData shape(boolean applied) {
            return withBackup(PrinterSharesView.table(), null);
        }

        public Result run(ServerAccess server, String host, boolean apply, ClosePlan.Self self, PrintWriter err) {
            TableData t = PrinterSharesView.table();
            ChangeRuns.PrinterRemoval r = ChangeRuns.removePrinterShares(server, host, only, apply, null,
                    "removePrinterShares on " + host, err);
            if (r.nothingToDo()) {
                PrinterSharesView.addHost(t, host, "nothing to do: no printer shares");
            } else {
                PrinterSharesView.add(t, r.plan(), r.results());
            }
            return new Result(withBackup(t, r.backup()), r.failure());
        }
    }

    /** The same rows with a {@code backup} column naming the file (or null in a plan). */
    static TableData withBackup(TableData rows, Path backup) {
        TableData t = new TableData(rows.title());
        rows.columns().forEach(t::column);
        t.column(Column.of("backup", "Backup", String.class));
        for (Map<String, Object> r : rows.rows()) {
            Object[] values = new Object[rows.columns().size() + 1];
            int i = 0;
            for (Column c : rows.columns()) {
                values[i++] = r.get(c.key());
            }
            values[i] = backup == null ? null : backup.toString();
            t.row(values);
        }
        return t;
    }

    // ---- the last resort ------------------------------------------------------------------------

    public static Plan closeSessions(List<String> clients, boolean nullOnly) {
        if (clients.isEmpty() && !nullOnly) {
            throw new SmbkitException(Failure.USAGE, "closeSessions: no client named", "Name the clients, or use closeNullSessions(HOST...)");
        }
        return new Close(List.copyOf(clients), nullOnly, List.of());
    }

    private record Close(List<String> clients, boolean nullOnly, List<String> hosts) implements Plan {
        public String call() {
            return nullOnly ? "closeNullSessions" : "closeSessions";
        }

        public Plan on(String... h) {
            return new Close(clients, nullOnly, List.of(h));
        }

        public TableData shape(boolean applied) {
            return withBackup(CloseView.plan(List.of(), List.of(), List.of()), null);
        }

        public Result run(ServerAccess server, String host, boolean apply, ClosePlan.Self self, PrintWriter err) {
            List<Session> sessions = server.sessions(null, null).sessions();
            List<OpenFile> files = server.openFiles(null, null);
            ServerInfo info = server.serverInfoOrNull();
            List<CloseTarget> plan = ClosePlan.plan(sessions, files, new ClosePlan.Selection(clients, null, nullOnly, false), self,
                    info != null && info.isSamba());
            boolean refused = plan.stream().anyMatch(t -> t.decision() == CloseTarget.Decision.REFUSED_HOLDS_FILES);
            if (!apply || refused || plan.isEmpty()) {
                return new Result(withBackup(CloseView.plan(plan, files, List.of()), null), refused
                        ? new SmbkitException(Failure.REFUSED_UNSAFE, "sessions on " + host + " hold open files: nothing closed there",
                                "Closing them can lose unsaved data; use smb-close-sessions --force if you mean it")
                        : null);
            }
            ChangeRuns.Closing c = ChangeRuns.close(server, plan, files, List.of(), null, call() + " on " + host, err);
            return new Result(withBackup(CloseView.outcomes(c.sessions(), List.of()), c.record()), c.exitCode() == 0 ? null
                    : new SmbkitException(Failure.PARTIAL, "not every session on " + host + " was closed", "See " + c.record()));
        }
    }
}
