///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459 in one command: the whole diagnosis of a server or a workgroup, with the fixes to run.

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.change.Records;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.HostScript;
import smbkit.cli.HostListOptions;
import smbkit.cli.Progress;
import smbkit.kb.HostDiagnosis;
import smbkit.model.Snapshot;
import smbkit.render.DiagnosisView;
import smbkit.render.Format;
import smbkit.render.HtmlReport;
import smbkit.render.NullSessionsView;
import smbkit.render.Renderer;
import smbkit.render.SessionsView;
import smbkit.rpc.Target;
import smbkit.scan.HostScan;
import smbkit.scan.SnapshotCollector;
import smbkit.store.SnapshotJson;

@Command(name = "smb-diagnose", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"The whole KB 328459 diagnosis: server info and its session limit, sessions, NULL sessions, "
                + "open files and pipes, connections, shares with printers marked, and the NULL-session restrictions "
                + "(read only), over one connection. Then findings in the KB's terms with their evidence: the symptom, "
                + "the causes and the resolution, with the exact smbkit commands that would apply each fix. It changes "
                + "nothing. Many hosts (arguments, --hosts-file, ranges like 10.0.0.1-40, --workgroup NAME's browse list, "
                + "--sweep RANGE) are scanned concurrently and "
                + "ranked by how close they are to their limit. Exits 0 when healthy, 1 when findings call for action, "
                + "5 when the session listing could not be read (each part not read is a finding)."},
        footer = {"", "Examples:",
                "  smb-diagnose fileserver -A ~/.smbauth",
                "  smb-diagnose fileserver -A ~/.smbauth --save fileserver.json      (collect on the jump host)",
                "  smb-diagnose --from fileserver.json --html report.html             (analyse anywhere)",
                "  smb-diagnose fileserver -A ~/.smbauth --capture smb.pcap           (with smb-capture's findings)",
                "  smb-diagnose 10.0.0.1-40 -A ~/.smbauth --parallel 16 --html workgroup.html",
                "  smb-diagnose --workgroup OFFICE --master 10.0.0.2 -A ~/.smbauth  (every computer of its browse list)"})
public class SmbDiagnose extends HostScript {

    @Mixin
    HostListOptions hostList;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", converter = Converters.Positive.class, description = "Hosts diagnosed at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--host-timeout", paramLabel = "SECONDS", defaultValue = "60", converter = Converters.Positive.class,
            description = "Give up on one host after this long (default: ${DEFAULT-VALUE} s).")
    int hostTimeout;

    @Option(names = "--save", paramLabel = "FILE", description = "Write everything collected to FILE (JSON), for --from.")
    Path save;

    @Option(names = "--from", paramLabel = "FILE", arity = "1..*",
            description = "Analyse saved input instead of a server: a --save snapshot, or a step's --format json output.")
    List<Path> from = new ArrayList<>();

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report with charts.")
    Path html;

    @Option(names = "--capture", paramLabel = "FILE", arity = "1..*",
            description = "Add the findings of these captures (pcap, pcapng; as smb-capture reads them) for the diagnosed "
                    + "server's address: which client's spooler holds the NULL sessions, and the handles never closed.")
    List<Path> captures = new ArrayList<>();

    @picocli.CommandLine.Mixin
    smbkit.cli.NamesOptions names;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = out();
        // names for the tables and the report (none for saved input): made before connecting, its classes load meanwhile
        smbkit.scan.ClientNames lookup = from.isEmpty() && (output.format == Format.table || html != null) ? names.names()
                : smbkit.scan.ClientNames.OFF;
        List<HostDiagnosis> results = from.isEmpty() ? collect() : fromFiles();
        if (!captures.isEmpty()) {
            List<smbkit.capture.CaptureNote> notes = new ArrayList<>();
            results = smbkit.capture.CaptureDiagnosis.add(results, captures, notes);
            notes.forEach(n -> note(smbkit.capture.report.NoteText.text(n)));
        }
        java.util.Map<String, String> clientNames = lookup.of(results.stream().filter(r -> r.reached() && r.snapshot().sessions() != null)
                .flatMap(r -> r.snapshot().sessions().stream()).map(smbkit.model.Session::client).toList());
        if (output.format == Format.table) {
            printTables(out, results, clientNames);
        } else {
            Renderer.print(DiagnosisView.findings(results), output.format, out);
        }
        if (save != null) {
            List<Object> snapshots = results.stream().filter(HostDiagnosis::reached).map(r -> (Object) SnapshotJson.write(r.snapshot())).toList();
            writeReport(save, Records.json(snapshots.size() == 1 ? castMap(snapshots.get(0))
                    : java.util.Map.of("tool", "smb-diagnose-scan", "hosts", snapshots)));
        }
        if (html != null) {
            writeReport(html, HtmlReport.render(results, clientNames));
        }
        return exitCode(results);
    }

    private List<HostDiagnosis> collect() {
        List<String> hosts = hostList.hosts(target, hostList.members(target, false, verbosity.verbose() ? this::note : null));
        if (hosts.isEmpty()) {
            try (ServerAccess server = local()) { // local mode: this machine
                return List.of(HostDiagnosis.of(SnapshotCollector.collect(server)));
            }
        }
        target.credentials(); // asks for a password once, before any thread does
        if (hosts.size() == 1 && !hostList.fromWorkgroup()) { // a workgroup's member is a row of a scan, reached or not
            try (ServerAccess server = open(Target.parse(hosts.get(0)))) {
                return List.of(HostDiagnosis.of(SnapshotCollector.collect(server)));
            }
        }
        try (Progress bar = progress("Diagnosing", hosts.size(), "hosts")) {
            return HostScan.run(hosts, h -> open(Target.parse(h)), parallel, Duration.ofSeconds(hostTimeout), (h, failed) -> bar.step(failed));
        }
    }

    /** Inputs of one host merge, inputs of different hosts stay apart, whatever the order they are given in. */
    private List<HostDiagnosis> fromFiles() throws IOException {
        List<SnapshotJson.Part> parts = new ArrayList<>();
        for (Path f : from) {
            java.time.Instant written;
            try {
                written = Files.getLastModifiedTime(f).toInstant();
            } catch (IOException e) {
                written = java.time.Instant.EPOCH; // Records.readAny says what is wrong with the file
            }
            parts.addAll(SnapshotJson.readFile(Records.readAny(f), f.toString(), written));
        }
        return SnapshotJson.combine(parts).stream().map(HostDiagnosis::of).toList();
    }

    private void printTables(PrintWriter out, List<HostDiagnosis> results, java.util.Map<String, String> clientNames) {
        if (results.size() > 1) {
            Renderer.print(DiagnosisView.ranking(results), Format.table, out);
        }
        for (HostDiagnosis h : results) {
            if (!h.reached()) {
                out.println(h.host() + ": unreachable: " + h.failure());
                continue;
            }
            if (results.size() == 1 && h.snapshot().sessions() != null) {
                Renderer.print(SessionsView.table(h.snapshot().sessions(), clientNames), Format.table, out);
                Renderer.print(NullSessionsView.table(DiagnosisView.nullClients(h.snapshot()), clientNames), Format.table, out);
            }
            DiagnosisView.text(h).forEach(out::println);
        }
    }

    private static int exitCode(List<HostDiagnosis> results) {
        return HostDiagnosis.exitCode(results);
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> castMap(Object o) {
        return (java.util.Map<String, Object>) o;
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new SmbDiagnose(), args));
    }
}
