package smbkit.change;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.model.SessionFilter;
import smbkit.io.RegFile;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;
import smbkit.model.RegistryValue;
import smbkit.model.Session;

/**
 * The KB's three changes on one server, each written once for the scripts and the runbooks alike: what would
 * change (a dry run), or the change itself with its backup or record written first, under a
 * {@link ChangeJournal} that says what was done if the run is cut off.
 */
public final class ChangeRuns {

    private ChangeRuns() {}

    // ---- Method 1 -------------------------------------------------------------------------------

    /** Method 1 on one server: the value as it is, as wanted, what was done, and the backup written (null when none). */
    public record Restriction(RegFile.Entry now, RegFile.Entry wanted, String result, Path backup, List<String> differences) {

        public String key() {
            return "HKLM\\" + now.key();
        }

        /** {@code HKLM\...\RestrictAnonymous: 0 -> 1} */
        public String change() {
            return key() + "\\" + now.name() + ": " + show(now.value()) + " -> " + show(wanted.value());
        }

        public boolean held() {
            return differences.isEmpty();
        }

        public String restoreCommand() {
            return backup == null ? null : "smb-restrict-anonymous --restore " + backup + " --apply";
        }
    }

    public static final String ALREADY_SO = "already so";
    public static final String WOULD_CHANGE = "would change";
    public static final String CHANGED = "changed";

    /**
     * Sets the restriction to {@code level} ({@code reading} is what the server has now, not NONE): nothing
     * when it is already so, a plan unless {@code apply}, else the .reg backup ({@code backupFile}, else the
     * state directory), then the change, read back. {@code backedUp} hears of the backup before the change.
     */
    public static Restriction restrict(ServerAccess server, AnonymousRestriction.Reading reading, int level, boolean apply,
            Path backupFile, String label, PrintWriter err, Consumer<Restriction> backedUp) {
        RegFile.Entry now = AnonymousRestriction.current(reading);
        RegFile.Entry wanted = AnonymousRestriction.target(reading, level);
        if (now.value().equals(wanted.value())) {
            return new Restriction(now, wanted, ALREADY_SO, null, List.of());
        }
        if (!apply) {
            return new Restriction(now, wanted, WOULD_CHANGE, null, List.of());
        }
        Path file = backupFile != null ? backupFile : Records.defaultPath(AnonymousRestriction.TOOL, server.where(), "reg");
        try (ChangeJournal journal = ChangeJournal.start(label, err)) {
            file = AnonymousRestriction.writeBackup(file, server.where(), List.of(now));
            Restriction backed = new Restriction(now, wanted, WOULD_CHANGE, file, List.of());
            journal.backup(file, backed.restoreCommand());
            if (backedUp != null) {
                backedUp.accept(backed);
            }
            journal.changed("HKLM\\" + now.key() + "\\" + now.name() + " (being set to " + show(wanted.value()) + ")");
            List<String> differences = AnonymousRestriction.write(server.registry(), List.of(wanted));
            return new Restriction(now, wanted, differences.isEmpty() ? CHANGED : "did not hold: " + String.join("; ", differences),
                    file, differences);
        }
    }

    /** A Method 1 restore: a line per value ({@code HKLM\\...: now -> backed up}), and what did not hold once applied. */
    public record RestrictionRestore(List<String> plan, boolean applied, List<String> differences) {}

    /** Puts back the values a checked backup holds, a plan unless {@code apply}; read back to check. */
    public static RestrictionRestore restoreRestriction(ServerAccess server, RegBackup saved, boolean apply, String label,
            PrintWriter err) {
        smbkit.access.Registry registry = server.registry();
        List<String> plan = new java.util.ArrayList<>();
        for (RegFile.Entry e : saved.entries()) {
            Optional<RegistryValue> now = registry.get(e.key(), e.name());
            plan.add("HKLM\\" + e.key() + "\\" + e.name() + ": " + show(now) + " -> " + show(e.value())
                    + (now.equals(e.value()) ? " (already so)" : ""));
        }
        if (!apply) {
            return new RestrictionRestore(plan, false, List.of());
        }
        try (ChangeJournal journal = ChangeJournal.start(label, err)) {
            plan.forEach(line -> journal.changed(line.substring(0, line.indexOf(':')) + " (being restored)"));
            return new RestrictionRestore(plan, true, AnonymousRestriction.write(registry, saved.entries()));
        }
    }

    public static String show(Optional<RegistryValue> v) {
        return v.map(RegistryValue::toString).orElse("absent");
    }

    // ---- Method 2 -------------------------------------------------------------------------------

    /** Method 2 on one server: the plan, what became of each share (empty in a dry run), the backup (null when none). */
    public record PrinterRemoval(PrinterShares.Plan plan, Map<String, String> results, Path backup, SmbkitException failure) {

        public boolean nothingToDo() {
            return plan.printers().isEmpty();
        }

        public String restoreCommand() {
            return backup == null ? null : "smb-printer-shares --restore " + backup + " --apply";
        }
    }

    /**
     * Removes the printer shares ({@code only} these when named): nothing when there are none, refused
     * (NOT_AVAILABLE) when no way to remove them is open, a plan unless {@code apply}, else a backup per host
     * ({@code backupDir}, else the state directory) and the removal; PARTIAL when some share stayed.
     */
    public static PrinterRemoval removePrinterShares(ServerAccess server, String host, List<String> only, boolean apply,
            Path backupDir, String label, PrintWriter err) {
        PrinterShares.Plan plan = PrinterShares.plan(server, only);
        if (plan.printers().isEmpty()) {
            return new PrinterRemoval(plan, Map.of(), null, null);
        }
        if (plan.way() == PrinterShares.Way.NONE) {
            return new PrinterRemoval(plan, Map.of(), null,
                    new SmbkitException(Failure.NOT_AVAILABLE, "refused on " + host + ": " + plan.why(), null));
        }
        if (!apply) {
            return new PrinterRemoval(plan, Map.of(), null, null);
        }
        String name = host.startsWith("this machine") ? "local" : host;
        Path backup = Records.writeBackup(backupDir == null ? Records.defaultPath("printer-shares", name)
                : backupDir.resolve(Records.fileName("printer-shares", name, "json")), PrinterShares.backup(plan));
        Map<String, String> results = new LinkedHashMap<>();
        List<PrinterShares.Outcome> outcomes;
        try (ChangeJournal journal = ChangeJournal.start(label, err)) {
            journal.backup(backup, "smb-printer-shares --restore " + backup + " --apply");
            outcomes = PrinterShares.remove(server, plan, o -> journal.changed("removed " + o.share()));
        }
        outcomes.forEach(o -> results.put(o.share(), o.result()));
        SmbkitException failed = outcomes.stream().anyMatch(o -> !o.ok())
                ? new SmbkitException(Failure.PARTIAL, "some printer shares of " + host + " were not removed",
                        "Restore with smb-printer-shares --restore " + backup + " --apply")
                : null;
        return new PrinterRemoval(plan, results, backup, failed);
    }

    /** Re-creates the printer shares of a checked backup, a plan unless {@code apply}, each said to the journal. */
    public static List<PrinterShares.Outcome> restorePrinterShares(ServerAccess server, PrinterShares.RestorePlan plan,
            boolean apply, String label, PrintWriter err) {
        try (ChangeJournal journal = ChangeJournal.start(label, err)) {
            return PrinterShares.restore(server, plan, apply, o -> journal.changed("re-created " + o.share()));
        }
    }

    // ---- the last resort ------------------------------------------------------------------------

    /** Each client and file id named is there, or NOT_FOUND before anything is closed. */
    public static void checkSelection(List<Session> sessions, List<OpenFile> files, List<String> clients, List<Long> fileIds,
            String where) {
        for (String c : clients) {
            if (sessions.stream().noneMatch(s -> SessionFilter.sameClient(s.client(), c))) {
                throw new SmbkitException(Failure.NOT_FOUND, where + " has no session from client " + c,
                        "List them with smb-sessions " + where + "; nothing was closed");
            }
        }
        for (long id : fileIds) {
            if (files.stream().noneMatch(f -> f.id() == id)) {
                throw new SmbkitException(Failure.NOT_FOUND, where + " has no open file with id " + id,
                        "List them with smb-open-pipes " + where + " --view files; nothing was closed");
            }
        }
    }

    /** What closing gave: each session's and each file's outcome, the record written, and the exit code. */
    public record Closing(List<SessionCloser.Outcome> sessions, List<SessionCloser.FileOutcome> files, Path record) {
        public int exitCode() {
            return SessionCloser.exitCode(sessions, files);
        }
    }

    /**
     * Closes what the plan says and the open files named: the record ({@code record}, else the state
     * directory) is written before anything is closed and updated as each one is.
     */
    public static Closing close(ServerAccess server, List<CloseTarget> plan, List<OpenFile> files, List<Long> fileIds,
            Path record, String label, PrintWriter err) {
        Path where = record != null ? record : Records.defaultPath("close-sessions", server.where());
        CloseRecord.Run run = new CloseRecord.Run(server.where(), plan, files, fileIds);
        Path written = Records.writeNew(where, run.toMap("planned"));
        List<SessionCloser.Outcome> outcomes;
        List<SessionCloser.FileOutcome> fileOutcomes;
        try (ChangeJournal journal = ChangeJournal.start(label, err)) {
            journal.record(written);
            outcomes = SessionCloser.close(server, plan, o -> {
                run.session(o);
                if (SessionCloser.ASKED.equals(o.result())) {
                    journal.changed("closed " + o.target().client() + (o.target().user() == null ? "" : " " + o.target().user()));
                }
                Records.write(written, run.toMap("in progress"));
            });
            fileOutcomes = fileIds.isEmpty() ? List.of() : SessionCloser.closeFiles(server, fileIds, files, f -> {
                run.file(f);
                if (SessionCloser.ASKED.equals(f.result())) {
                    journal.changed("closed file " + f.id());
                }
                Records.write(written, run.toMap("in progress"));
            });
            Records.write(written, run.toMap("applied"));
        }
        return new Closing(outcomes, fileOutcomes, written);
    }
}
