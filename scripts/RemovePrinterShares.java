///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's Method 2: remove the printer shares of one or many clients, with a backup that puts them back.

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.change.ChangeRuns;
import smbkit.change.PrinterShares;
import smbkit.change.Records;
import smbkit.cli.Cli;
import smbkit.cli.HostScript;
import smbkit.cli.HostListOptions;
import smbkit.cli.Progress;
import smbkit.cli.RestoreOptions;
import smbkit.model.Computer;
import smbkit.render.Format;
import smbkit.render.PrinterSharesView;
import smbkit.render.Renderer;
import smbkit.render.TableData;
import smbkit.scan.HostRun;

@Command(name = "smb-printer-shares", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"KB 328459's Method 2 on the clients that share a printer: lists each printer share (name, remark, "
                + "path, current uses, who may print and manage) and removes it, a dry run unless --apply. Before any "
                + "change it writes a backup per host with all it takes to re-create each share; --restore BACKUP... puts "
                + "them back (a dry run unless --apply) and checks they match. Many hosts in one run: each is reported (removed, nothing to do, "
                + "refused, unreachable) and the run goes on past failures. --workgroup NAME (or --sweep RANGE) takes the "
                + "workgroup's computers that share a printer (read anonymously, as smb-workgroup does); the others are "
                + "listed as skipped and not touched."},
        footer = {"", "Examples:",
                "  smb-printer-shares 10.0.0.7 10.0.0.8 -A ~/.smbauth                 (dry run)",
                "  smb-printer-shares --hosts-file clients.txt -A ~/.smbauth --apply",
                "  smb-printer-shares --workgroup OFFICE --master 10.0.0.2 -A ~/.smbauth   (dry run, print queue servers only)",
                "  smb-printer-shares -A ~/.smbauth --restore printer-shares-10.0.0.7-20261125-101500.json --apply"})
public class RemovePrinterShares extends HostScript {

    @Mixin
    HostListOptions hostList;

    @Option(names = "--share", paramLabel = "NAME", description = "Only this printer share (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--apply", description = "Really remove; without it, only show what would be removed.")
    boolean apply;

    @Mixin
    RestoreOptions backups;

    @Override
    public Integer call() {
        TableData table = PrinterSharesView.table();
        List<String> notes = new ArrayList<>();
        if (backups.restoring()) {
            return restore(table, notes);
        }
        // Of a workgroup's members, Method 2 goes to those that share a printer (or announce a print queue when
        // their shares could not be read anonymously); the others are rows saying they were skipped.
        List<Computer> members = hostList.members(target, true, verbosity.verbose() ? this::note : null);
        List<Computer> skipped = members.stream().filter(c -> !mayShare(c)).toList();
        List<String> hosts = hostList.hosts(target, members.stream().filter(RemovePrinterShares::mayShare).toList());
        if (hosts.isEmpty() && hostList.fromWorkgroup()) {
            skipped.forEach(c -> PrinterSharesView.addHost(table, HostListOptions.host(c), SKIPPED));
            notes.add("No computer of the workgroup shares a printer: nothing to do.");
            return finish(table, notes, 0);
        }
        if (hosts.isEmpty()) {
            hosts = List.of(LOCAL);
        }
        List<HostRun.Outcome<Void>> outcomes;
        try (Progress bar = progress("Removing printer shares", hosts.size(), "hosts")) {
            outcomes = HostRun.each(hosts, host -> {
                try (ServerAccess server = open(host)) {
                    ChangeRuns.PrinterRemoval r = ChangeRuns.removePrinterShares(server, host, only, apply, backups.backupDir,
                            name() + " on " + host, err());
                    if (r.nothingToDo()) {
                        PrinterSharesView.addHost(table, host, "nothing to do: no printer shares");
                    } else {
                        PrinterSharesView.add(table, r.plan(), r.results());
                        if (r.plan().way() == PrinterShares.Way.NONE) {
                            notes.add(host + ": refused: " + r.plan().why());
                        } else if (r.backup() == null) {
                            notes.add(host + ": " + r.plan().why() + ".");
                        } else {
                            notes.add(host + ": " + r.plan().why() + "; backup in " + r.backup() + " (restore with --restore "
                                    + r.backup() + " --apply).");
                        }
                    }
                    return new HostRun.Outcome<Void>(host, null, r.failure());
                } catch (SmbkitException e) {
                    unreachable(table, notes, host, e);
                    throw e;
                }
            }, o -> bar.step(o.failed()));
        }
        skipped.forEach(c -> PrinterSharesView.addHost(table, HostListOptions.host(c), SKIPPED));
        if (!apply && output.format == Format.table) {
            notes.add("Dry run: nothing was removed. Add --apply to remove (a backup is written first).");
        }
        return finish(table, notes, HostRun.exitCode(outcomes));
    }

    /** The result of a workgroup member left alone. */
    static final String SKIPPED = "skipped: shares no printer";

    /** A member Method 2 goes to: its printer shares when they were read, else whether it announces a print queue. */
    static boolean mayShare(Computer c) {
        return c.printerShares() != null ? !c.printerShares().isEmpty() : c.announcesPrintQueue() || c.typeFlags() == null;
    }

    /**
     * Every backup is read and checked whole before any server is touched; then each goes back to the host
     * it names (a HOST given must be that one, unless --to-other-host), a dry run unless --apply.
     */
    private int restore(TableData table, List<String> notes) {
        if (target.hosts().size() > 1) {
            throw new SmbkitException(Failure.USAGE, "--restore takes one HOST at most, not " + target.hosts().size(),
                    "Each backup names its host: give none, or the one to restore onto");
        }
        if (hostList.givenBeyondArguments()) {
            throw new SmbkitException(Failure.USAGE, "--restore and --hosts-file, --workgroup or --sweep do not go together",
                    "Each backup names its host: give the backups only");
        }
        List<PrinterShares.RestorePlan> plans = new ArrayList<>();
        for (Path file : backups.restore) {
            plans.add(PrinterShares.restorePlan(Records.readBackup(file), file));
        }
        List<HostRun.Outcome<Void>> outcomes = new ArrayList<>();
        try (Progress bar = progress("Restoring printer shares", plans.size(), "backups")) {
            for (int i = 0; i < plans.size(); i++) {
                PrinterShares.RestorePlan plan = plans.get(i);
                Path file = backups.restore.get(i);
                outcomes.addAll(HostRun.each(List.of(plan.host()), host -> {
                    try (ServerAccess server = openForBackup(file, host, backups.toOtherHost)) {
                        List<PrinterShares.Outcome> done = ChangeRuns.restorePrinterShares(server, plan, apply,
                                name() + " --restore " + file, err());
                        PrinterSharesView.addRestored(table, server.where(), done);
                        return new HostRun.Outcome<Void>(host, null, done.stream().anyMatch(o -> !o.ok())
                                ? new SmbkitException(Failure.PARTIAL, "not every share of " + file + " was re-created", null) : null);
                    } catch (SmbkitException e) {
                        unreachable(table, notes, host, e);
                        throw e;
                    }
                }, o -> bar.step(o.failed())));
            }
        }
        if (!apply && output.format == Format.table) {
            notes.add("Dry run: nothing was re-created. Add --apply to restore.");
        }
        return finish(table, notes, HostRun.exitCode(outcomes));
    }

    /** A host that could not be reached or refused: a row and a note, and the run goes on. */
    private static void unreachable(TableData table, List<String> notes, String host, SmbkitException e) {
        PrinterSharesView.addHost(table, host, (e.failure() == Failure.REFUSED_UNSAFE || e.failure() == Failure.FILE_ERROR
                ? "refused: " : "unreachable: ") + e.oneLine());
        notes.add(host + ": " + e.oneLine());
    }

    /** The table, then the notes (under it in table format, on stderr otherwise), and the run's exit code. */
    private int finish(TableData table, List<String> notes, int exitCode) {
        Renderer.print(table, output.format, out());
        notes.forEach(n -> report(output.format, n));
        return exitCode;
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new RemovePrinterShares(), args));
    }
}
