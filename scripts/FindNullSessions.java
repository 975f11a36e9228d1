///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459: NULL sessions per client, temporary or permanent, what they hold, and which method applies.

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.HostScript;
import smbkit.cli.Progress;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.NullSessionVerdict;
import smbkit.kb.Sample;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionKinds;
import smbkit.kb.SessionLimit;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.render.Format;
import smbkit.render.NullSessionsView;
import smbkit.render.Renderer;
import smbkit.scan.Sampler;

@Command(name = "smb-null-sessions", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Finds the NULL (anonymous) sessions on a server, grouped per client: how many (each one "
                + "takes a slot), how long, how idle, what they hold open and whether one holds \\PIPE\\spoolss. "
                + "Samples over time tell the KB's temporary NULL sessions (gone within 30 to 90 s) from permanent "
                + "ones. Ends with the verdict in KB 328459's terms; exits 1 when permanent NULL sessions call for action."},
        footer = {"", "Examples:",
                "  smb-null-sessions fileserver -A ~/.smbauth",
                "  smb-null-sessions fileserver -A ~/.smbauth --samples 4 --interval 30",
                "  smb-null-sessions fileserver -A ~/.smbauth --samples 6 --interval 30 --html null-sessions.html",
                "  smb-null-sessions fileserver -A ~/.smbauth --watch"})
public class FindNullSessions extends HostScript {

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1", converter = Converters.Positive.class,
            description = "List the sessions N times (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "30", converter = Converters.NonNegative.class,
            description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    int interval;

    @Option(names = "--watch", description = "Keep sampling, a line per sample, until interrupted.")
    boolean watch;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report: the verdict, and a timeline of the samples per NULL session.")
    java.nio.file.Path html;

    @picocli.CommandLine.Mixin
    smbkit.cli.NamesOptions names;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = out();
        if (html != null && watch) {
            throw new SmbkitException(Failure.USAGE, "--html goes with --samples, not --watch (which ends only when interrupted)",
                    "Use --samples N --interval S --html FILE");
        }
        smbkit.scan.ClientNames lookup = names.names(); // before connecting: its classes load meanwhile
        try (ServerAccess server = open()) {
            int wanted = Math.max(1, samples);
            Sampler.Samples sampled;
            try (Progress bar = progress("Sampling", watch ? 1 : wanted, "samples")) {
                sampled = Sampler.take(server, wanted, watch, Duration.ofSeconds(interval), Sampler.listener(
                        wait -> bar.extra("next in " + wait.toSeconds() + " s"),
                        s -> {
                            bar.step();
                            if (watch || verbosity.verbose()) {
                                long anonymous = s.sessions().stream().filter(SessionKinds::isAnonymous).count();
                                (watch ? out : err()).println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                                        + "  sessions " + s.sessions().size() + ", NULL/guest " + anonymous);
                                (watch ? out : err()).flush();
                            }
                        }));
            }
            List<Sample> taken = sampled.taken();
            SmbkitException stopped = sampled.stopped();
            ServerInfo info = stopped == null ? server.serverInfoOrNull() : null;
            List<OpenFile> files = stopped == null ? openFilesOrNone(server) : List.of();
            boolean listsPipes = NullSessionAnalysis.serverListsPipes(info != null && info.isSamba(), files);
            List<NullClient> clients = NullSessionAnalysis.analyse(taken, files, listsPipes);
            java.util.Map<String, String> clientNames = lookup.of(clients.stream().map(NullClient::client).toList());
            Renderer.print(NullSessionsView.table(clients, clientNames), output.format, out);
            SessionCount count = SessionCount.of(taken.get(taken.size() - 1).sessions(), SessionLimit.of(info));
            NullSessionVerdict verdict = NullSessionVerdict.of(clients, count, server.where(), info != null && info.isSamba());
            if (output.format == Format.table) {
                NullSessionsView.verdict(verdict).forEach(out::println);
            }
            out.flush();
            if (html != null) {
                smbkit.io.SafeFiles.replace(html, smbkit.render.SamplesReport.render(server.where(), taken, clients, count, verdict,
                        stopped == null ? null : "The server stopped answering after " + taken.size() + " of " + wanted
                                + " sample(s): " + stopped.oneLine(), clientNames));
            }
            if (stopped != null) {
                return stoppedAfter(watch ? null : wanted, sampled);
            }
            return verdict.actionNeeded() ? smbkit.Failure.ACTION_NEEDED.exitCode() : 0;
        }
    }

    /** The server went away after some samples: they were reported above; one line says so. */
    private int stoppedAfter(Integer wanted, Sampler.Samples sampled) {
        return failed("the server stopped answering after " + sampled.taken().size() + (wanted == null ? "" : " of " + wanted)
                + " sample(s); the report above rests on those: " + sampled.stopped().oneLine(), sampled.stopped(),
                sampled.stoppedKind());
    }

    /** What NULL sessions hold is a bonus: a server that refuses NetrFileEnum still gets its verdict. */
    private List<OpenFile> openFilesOrNone(ServerAccess server) {
        try {
            return server.openFiles(null, null);
        } catch (SmbkitException e) {
            if (verbosity.verbose()) {
                note("open files unavailable: " + e.oneLine());
            }
            return List.of();
        }
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new FindNullSessions(), args));
    }
}
