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

@Command(name = "remove-printer-shares", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"KB 328459's Method 2 on the clients that share a printer: lists each printer share (name, remark, "
                + "path, current uses, who may print and manage) and removes it, a dry run unless --apply. Before any "
                + "change it writes a backup per host with all it takes to re-create each share; --restore BACKUP puts "
                + "them back and checks they match. Many hosts in one run: each is reported (removed, nothing to do, "
                + "refused, unreachable) and the run goes on past failures."},
        footer = {"", "Examples:",
                "  remove-printer-shares 10.0.0.7 10.0.0.8 -A ~/.smbauth                 (dry run)",
                "  remove-printer-shares --hosts-file clients.txt -A ~/.smbauth --apply",
                "  remove-printer-shares -A ~/.smbauth --restore printer-shares-10.0.0.7-20261125-101500.json"})
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

    @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where backups go (default: the current directory).")
    Path backupDir;

    @Option(names = "--restore", paramLabel = "BACKUP", arity = "1..*",
            description = "Re-create the shares a backup holds, on the host it names.")
    List<Path> restore = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TableData table = PrinterSharesView.table();
        List<String> problems = new ArrayList<>();
        int failures = 0;
        int lastFailure = 0;
        if (!restore.isEmpty()) {
            for (Path file : restore) {
                Map<String, Object> backup = Records.read(file);
                String host = String.valueOf(backup.get("host"));
                try (ServerAccess server = target.isLocal() && !target.hasHost() && host.startsWith("this machine")
                        ? target.open() : target.open(Target.parse(host))) {
                    List<PrinterShares.Outcome> outcomes = PrinterShares.restore(server, backup);
                    PrinterSharesView.addRestored(table, host, outcomes);
                    if (outcomes.stream().anyMatch(o -> !o.ok())) {
                        failures++;
                        lastFailure = Failure.PARTIAL.exitCode();
                    }
                } catch (SmbkitException e) {
                    unreachable(table, problems, host, e);
                    failures++;
                    lastFailure = e.failure().exitCode();
                }
            }
            return finish(out, table, problems, failures, lastFailure, restore.size());
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
                    failures++;
                    lastFailure = Failure.NOT_AVAILABLE.exitCode();
                    continue;
                }
                if (!apply) {
                    PrinterSharesView.add(table, plan, Map.of());
                    problems.add(host + ": " + plan.why() + ".");
                    continue;
                }
                Path backup = backupDir.resolve(Records.defaultPath("printer-shares", local ? "local" : host));
                Records.write(backup, PrinterShares.backup(plan));
                Map<String, String> results = new LinkedHashMap<>();
                List<PrinterShares.Outcome> outcomes = PrinterShares.remove(server, plan);
                outcomes.forEach(o -> results.put(o.share(), o.result()));
                PrinterSharesView.add(table, plan, results);
                problems.add(host + ": " + plan.why() + "; backup in " + backup + " (restore with --restore " + backup + ").");
                if (outcomes.stream().anyMatch(o -> !o.ok())) {
                    failures++;
                    lastFailure = Failure.PARTIAL.exitCode();
                }
            } catch (SmbkitException e) {
                unreachable(table, problems, host, e);
                failures++;
                lastFailure = e.failure().exitCode();
            }
        }
        if (!apply && output.format == Format.table) {
            problems.add("Dry run: nothing was removed. Add --apply to remove (a backup is written first).");
        }
        return finish(out, table, problems, failures, lastFailure, hosts.size());
    }

    /** A host that could not be reached or refused: a row and a note, and the run goes on. */
    private static void unreachable(TableData table, List<String> notes, String host, SmbkitException e) {
        PrinterSharesView.addHost(table, host, "unreachable: " + e.oneLine());
        notes.add(host + ": " + e.oneLine());
    }

    /** One host failing gives its own exit code; several hosts with any failure give 3. */
    private int finish(PrintWriter out, TableData table, List<String> notes, int failures, int lastFailure, int hosts) {
        Renderer.print(table, output.format, out);
        if (output.format == Format.table) {
            notes.forEach(out::println);
        } else {
            notes.forEach(spec.commandLine().getErr()::println);
        }
        if (failures == 0) {
            return 0;
        }
        return hosts == 1 ? lastFailure : Failure.PARTIAL.exitCode();
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new RemovePrinterShares(), args));
    }
}
