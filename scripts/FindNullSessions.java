///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459: NULL sessions per client, temporary or permanent, what they hold, and which method applies.

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.OutputOptions;
import smbkit.cli.TargetOptions;
import smbkit.cli.VerbosityOptions;
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

@Command(name = "find-null-sessions", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Finds the NULL (anonymous) sessions on a server, grouped per client: how many (each one "
                + "takes a slot), how long, how idle, what they hold open and whether one holds \\PIPE\\spoolss. "
                + "Samples over time tell the KB's temporary NULL sessions (gone within 30 to 90 s) from permanent "
                + "ones. Ends with the verdict in KB 328459's terms; exits 1 when permanent NULL sessions call for action."},
        footer = {"", "Examples:",
                "  find-null-sessions fileserver -A ~/.smbauth",
                "  find-null-sessions fileserver -A ~/.smbauth --samples 4 --interval 30",
                "  find-null-sessions fileserver -A ~/.smbauth --samples 6 --interval 30 --html null-sessions.html",
                "  find-null-sessions fileserver -A ~/.smbauth --watch"})
public class FindNullSessions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Mixin
    VerbosityOptions verbosity;

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

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (html != null && watch) {
            throw new SmbkitException(Failure.USAGE, "--html goes with --samples, not --watch (which ends only when interrupted)",
                    "Use --samples N --interval S --html FILE");
        }
        try (ServerAccess server = target.open()) {
            List<Sample> taken = new ArrayList<>();
            SmbkitException stopped = null;
            int wanted = Math.max(1, samples);
            for (int i = 0; watch || i < wanted; i++) {
                if (i > 0) {
                    Thread.sleep(interval * 1000L);
                }
                Sample s;
                try {
                    List<smbkit.model.Session> listed = server.sessions(null, null).sessions();
                    s = new Sample(Instant.now(), listed); // the time of the answer, not of the call: a slow first call must not skew it
                } catch (SmbkitException e) {
                    if (taken.isEmpty()) {
                        throw e;
                    }
                    stopped = e; // the server went away mid-way: keep and report the samples taken
                    break;
                }
                taken.add(s);
                if (watch || verbosity.verbose) {
                    long anonymous = s.sessions().stream().filter(SessionKinds::isAnonymous).count();
                    (watch ? out : spec.commandLine().getErr()).println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                            + "  sessions " + s.sessions().size() + ", NULL/guest " + anonymous);
                    (watch ? out : spec.commandLine().getErr()).flush();
                }
            }
            ServerInfo info = stopped == null ? server.serverInfoOrNull() : null;
            List<OpenFile> files = stopped == null ? openFilesOrNone(server) : List.of();
            boolean listsPipes = info == null || !info.isSamba();
            List<NullClient> clients = NullSessionAnalysis.analyse(taken, files, listsPipes);
            Renderer.print(NullSessionsView.table(clients), output.format, out);
            SessionCount count = SessionCount.of(taken.get(taken.size() - 1).sessions(), SessionLimit.of(info));
            NullSessionVerdict verdict = NullSessionVerdict.of(clients, count, server.where(), info != null && info.isSamba());
            if (output.format == Format.table) {
                verdict.lines().forEach(out::println);
            }
            out.flush();
            if (html != null) {
                smbkit.io.SafeFiles.replace(html, smbkit.render.SamplesReport.render(server.where(), taken, clients, count, verdict,
                        stopped == null ? null : "The server stopped answering after " + taken.size() + " of " + wanted
                                + " sample(s): " + stopped.oneLine()));
            }
            if (stopped != null) {
                return stoppedAfter(taken.size(), watch ? null : wanted, stopped);
            }
            return verdict.actionNeeded() ? smbkit.Failure.ACTION_NEEDED.exitCode() : 0;
        }
    }

    /**
     * The server went away after some samples: they were reported above; one line says so. The same listing
     * that answered before failing now is the server or the network going away (reset, refused on
     * reconnecting, timed out, or the pipe found closed, which jcifs-ng reports without a cause): a network
     * error (22). A refusal keeps its own code.
     */
    private int stoppedAfter(int taken, Integer wanted, SmbkitException e) {
        Failure kind = switch (e.failure()) {
            case CONNECTION_REFUSED, TIMEOUT, UNKNOWN_HOST, NETWORK, INTERNAL -> Failure.NETWORK;
            default -> e.failure();
        };
        java.io.PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getCommandName() + ": the server stopped answering after " + taken
                + (wanted == null ? "" : " of " + wanted) + " sample(s); the report above rests on those: " + e.oneLine());
        if (verbosity.debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return kind.exitCode();
    }

    /** What NULL sessions hold is a bonus: a server that refuses NetrFileEnum still gets its verdict. */
    private List<OpenFile> openFilesOrNone(ServerAccess server) {
        try {
            return server.openFiles(null, null);
        } catch (SmbkitException e) {
            if (verbosity.verbose) {
                spec.commandLine().getErr().println("find-null-sessions: open files unavailable: " + e.oneLine());
            }
            return List.of();
        }
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new FindNullSessions(), args));
    }
}
