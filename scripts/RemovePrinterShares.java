///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's Method 2: remove the printer shares of one or many clients, with a backup that puts them back.

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.change.ChangeJournal;
import smbkit.change.PrinterShares;
import smbkit.change.Records;
import smbkit.cli.Cli;
import smbkit.cli.Hosts;
import smbkit.cli.OutputOptions;
import smbkit.cli.TargetOptions;
import smbkit.cli.VerbosityOptions;
import smbkit.render.Format;
import smbkit.render.PrinterSharesView;
import smbkit.render.Renderer;
import smbkit.render.TableData;
import smbkit.rpc.Target;

@Command(name = "smb-printer-shares", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"KB 328459's Method 2 on the clients that share a printer: lists each printer share (name, remark, "
                + "path, current uses, who may print and manage) and removes it, a dry run unless --apply. Before any "
                + "change it writes a backup per host with all it takes to re-create each share; --restore BACKUP puts "
                + "them back (a dry run unless --apply) and checks they match. Many hosts in one run: each is reported (removed, nothing to do, "
                + "refused, unreachable) and the run goes on past failures."},
        footer = {"", "Examples:",
                "  smb-printer-shares 10.0.0.7 10.0.0.8 -A ~/.smbauth                 (dry run)",
                "  smb-printer-shares --hosts-file clients.txt -A ~/.smbauth --apply",
                "  smb-printer-shares -A ~/.smbauth --restore printer-shares-10.0.0.7-20261125-101500.json --apply"})
public class RemovePrinterShares implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--hosts-file", paramLabel = "FILE", description = "More hosts, one a line (# comments).")
    Path hostsFile;

    @Option(names = "--share", paramLabel = "NAME", description = "Only this printer share (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--apply", description = "Really remove; without it, only show what would be removed.")
    boolean apply;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where backups go (default: $XDG_STATE_HOME/smbkit, else ~/.local/state/smbkit); never overwritten.")
    Path backupDir;

    @Option(names = "--restore", paramLabel = "BACKUP", arity = "1..*",
            description = "Re-create the printer shares a backup holds, on the host it names (a dry run unless --apply).")
    List<Path> restore = new ArrayList<>();

    @Option(names = "--to-other-host", description = "With --restore: re-create them on the HOST given, not the one the backup names.")
    boolean toOtherHost;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TableData table = PrinterSharesView.table();
        List<String> problems = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        if (!restore.isEmpty()) {
            return restore(out, table, problems, failed);
        }
        if (toOtherHost) {
            throw new SmbkitException(Failure.USAGE, "--to-other-host goes with --restore", "Drop it, or add --restore BACKUP");
        }
        List<String> hosts = Hosts.collect(target.hosts(), hostsFile);
        boolean local = hosts.isEmpty();
        if (local) {
            hosts = List.of("this machine");
        }
        for (String host : hosts) {
            try (ServerAccess server = local ? target.open() : target.open(Target.parse(host))) {
                PrinterShares.Plan plan = PrinterShares.plan(server, only);
                if (plan.printers().isEmpty()) {
                    PrinterSharesView.addHost(table, host, "nothing to do: no printer shares");
                    continue;
                }
                if (plan.way() == PrinterShares.Way.NONE) {
                    PrinterSharesView.add(table, plan, Map.of());
                    problems.add(host + ": refused: " + plan.why());
                    failed.add(Failure.NOT_AVAILABLE.exitCode());
                    continue;
                }
                if (!apply) {
                    PrinterSharesView.add(table, plan, Map.of());
                    problems.add(host + ": " + plan.why() + ".");
                    continue;
                }
                Path backup = Records.writeBackup(backupDir == null ? Records.defaultPath("printer-shares", local ? "local" : host)
                        : backupDir.resolve(Records.fileName("printer-shares", local ? "local" : host, "json")), PrinterShares.backup(plan));
                Map<String, String> results = new LinkedHashMap<>();
                List<PrinterShares.Outcome> outcomes;
                try (ChangeJournal journal = ChangeJournal.start("smb-printer-shares on " + host, spec.commandLine().getErr())) {
                    journal.backup(backup, "--restore " + backup + " --apply");
                    outcomes = PrinterShares.remove(server, plan, o -> journal.changed("removed " + o.share()));
                }
                outcomes.forEach(o -> results.put(o.share(), o.result()));
                PrinterSharesView.add(table, plan, results);
                problems.add(host + ": " + plan.why() + "; backup in " + backup + " (restore with --restore " + backup + " --apply).");
                if (outcomes.stream().anyMatch(o -> !o.ok())) {
                    failed.add(Failure.PARTIAL.exitCode());
                }
            } catch (SmbkitException e) {
                unreachable(table, problems, host, e);
                failed.add(e.failure().exitCode());
            }
        }
        if (!apply && output.format == Format.table) {
            problems.add("Dry run: nothing was removed. Add --apply to remove (a backup is written first).");
        }
        return finish(out, table, problems, failed, hosts.size());
    }

    /**
     * Every backup is read and checked whole before any server is touched; then each goes back to the host
     * it names (a HOST given must be that one, unless --to-other-host), a dry run unless --apply.
     */
    private int restore(PrintWriter out, TableData table, List<String> problems, List<Integer> failed) {
        if (target.hosts().size() > 1) {
            throw new SmbkitException(Failure.USAGE, "--restore takes one HOST at most, not " + target.hosts().size(),
                    "Each backup names its host: give none, or the one to restore onto");
        }
        if (hostsFile != null) {
            throw new SmbkitException(Failure.USAGE, "--restore and --hosts-file do not go together",
                    "Each backup names its host: give the backups only");
        }
        List<PrinterShares.RestorePlan> plans = new ArrayList<>();
        for (Path file : restore) {
            plans.add(PrinterShares.restorePlan(Records.readBackup(file), file));
        }
        boolean explicitLocal = spec.commandLine().getParseResult().hasMatchedOption("--local");
        for (int i = 0; i < plans.size(); i++) {
            PrinterShares.RestorePlan plan = plans.get(i);
            Path file = restore.get(i);
            String host = plan.host();
            boolean backupLocal = host.startsWith("this machine");
            try (ServerAccess server = openFor(file, host, explicitLocal)) {
                List<PrinterShares.Outcome> outcomes;
                try (ChangeJournal journal = ChangeJournal.start("smb-printer-shares --restore " + file, spec.commandLine().getErr())) {
                    outcomes = PrinterShares.restore(server, plan, apply, o -> journal.changed("re-created " + o.share()));
                }
                PrinterSharesView.addRestored(table, server.where(), outcomes);
                if (outcomes.stream().anyMatch(o -> !o.ok())) {
                    failed.add(Failure.PARTIAL.exitCode());
                }
            } catch (SmbkitException e) {
                unreachable(table, problems, host, e);
                failed.add(e.failure().exitCode());
            }
        }
        if (!apply && output.format == Format.table) {
            problems.add("Dry run: nothing was re-created. Add --apply to restore.");
        }
        return finish(out, table, problems, failed, plans.size());
    }

    /** The backup's host, or the HOST given when it is that one (checked before connecting) or --to-other-host says so. */
    private ServerAccess openFor(Path file, String backupHost, boolean explicitLocal) {
        if (target.hasHost()) {
            Records.checkHost(file, backupHost, Target.parse(target.hosts().get(0)).toString(), toOtherHost);
            return target.open(Target.parse(target.hosts().get(0)));
        }
        if (!explicitLocal && !backupHost.startsWith("this machine")) {
            return target.open(Target.parse(backupHost));
        }
        ServerAccess server = target.open();
        try {
            Records.checkHost(file, backupHost, server.where(), toOtherHost);
        } catch (SmbkitException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A host that could not be reached or refused: a row and a note, and the run goes on. */
    private static void unreachable(TableData table, List<String> notes, String host, SmbkitException e) {
        PrinterSharesView.addHost(table, host, (e.failure() == Failure.REFUSED_UNSAFE || e.failure() == Failure.FILE_ERROR
                ? "refused: " : "unreachable: ") + e.oneLine());
        notes.add(host + ": " + e.oneLine());
    }

    /**
     * One host failing, or every host failing the same way, gives that failure's code; every host failing in
     * different ways gives the first one's; some failing while others succeed gives 3.
     */
    private int finish(PrintWriter out, TableData table, List<String> notes, List<Integer> failed, int hosts) {
        Renderer.print(table, output.format, out);
        if (output.format == Format.table) {
            notes.forEach(out::println);
        } else {
            notes.forEach(spec.commandLine().getErr()::println);
        }
        return exitCode(failed, hosts);
    }

    static int exitCode(List<Integer> failed, int hosts) {
        if (failed.isEmpty()) {
            return 0;
        }
        return failed.size() >= hosts ? failed.get(0) : Failure.PARTIAL.exitCode();
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new RemovePrinterShares(), args));
    }
}
