///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's last resort, net session /delete: close sessions or open files, a dry run unless --apply.

import java.io.PrintWriter;
import java.nio.file.Path;
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
import smbkit.access.SessionFilter;
import smbkit.change.ChangeJournal;
import smbkit.change.CloseRecord;
import smbkit.change.Records;
import smbkit.change.SessionCloser;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.OutputOptions;
import smbkit.cli.TargetOptions;
import smbkit.cli.VerbosityOptions;
import smbkit.kb.ClosePlan;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.render.CloseView;
import smbkit.render.Format;
import smbkit.render.Renderer;

@Command(name = "smb-close-sessions", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Closes sessions (net session \\\\client /delete) or open files by id, the KB's last resort. "
                + "A dry run unless --apply: it first lists what would be closed, open files included, and refuses "
                + "to close a session that holds files (pipes aside) unless --force, since unsaved data can be lost. "
                + "It never closes its own session. What it closed is written to a JSON record for the runbook."},
        footer = {"", "Examples:",
                "  smb-close-sessions fileserver -A ~/.smbauth --null-only                 (dry run)",
                "  smb-close-sessions fileserver -A ~/.smbauth --null-only --apply",
                "  smb-close-sessions fileserver -A ~/.smbauth --client 10.0.0.7 --apply",
                "  smb-close-sessions fileserver -A ~/.smbauth --file 1234 --apply"})
public class CloseSessions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--client", paramLabel = "CLIENT", converter = Converters.Name.class, description = "Close this client's sessions (repeatable).")
    List<String> clients = new ArrayList<>();

    @Option(names = "--user", paramLabel = "USER", converter = Converters.Name.class, description = "Only this user's sessions.")
    String user;

    @Option(names = "--null-only", description = "Only NULL sessions (and guest-mapped anonymous ones, as Samba shows them).")
    boolean nullOnly;

    @Option(names = "--file", paramLabel = "ID", description = "Close this open file or pipe (repeatable; ids from smb-open-pipes).")
    List<Long> fileIds = new ArrayList<>();

    @Option(names = "--apply", description = "Really close; without it, only show what would be closed.")
    boolean apply;

    @Option(names = "--force", description = "Also close sessions that hold open files (unsaved data can be lost).")
    boolean force;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Where to write what was closed, updated as each one is closed (default with --apply: "
                    + "close-sessions-HOST-TIME.json in $XDG_STATE_HOME/smbkit, else ~/.local/state/smbkit); never overwritten.")
    Path record;

    @Override
    public Integer call() {
        if (clients.isEmpty() && user == null && !nullOnly && fileIds.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "nothing selected to close",
                    "Say what: --client CLIENT, --user USER, --null-only, or --file ID");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ServerAccess server = target.open()) {
            List<Session> sessions = server.sessions(null, null).sessions();
            List<OpenFile> files = server.openFiles(null, null);
            for (String c : clients) {
                if (sessions.stream().noneMatch(s -> SessionFilter.sameClient(s.client(), c))) {
                    throw new SmbkitException(Failure.NOT_FOUND, server.where() + " has no session from client " + c,
                            "List them with smb-sessions " + server.where() + "; nothing was closed");
                }
            }
            for (long id : fileIds) {
                if (files.stream().noneMatch(f -> f.id() == id)) {
                    throw new SmbkitException(Failure.NOT_FOUND, server.where() + " has no open file with id " + id,
                            "List them with smb-open-pipes " + server.where() + " --view files; nothing was closed");
                }
            }
            ServerInfo info = server.serverInfoOrNull();
            boolean sessionsSelected = !clients.isEmpty() || user != null || nullOnly;
            List<CloseTarget> plan = !sessionsSelected ? List.of() : ClosePlan.plan(sessions, files,
                    new ClosePlan.Selection(clients, user, nullOnly, force), self(server),
                    info != null && info.isSamba());
            if (sessionsSelected && plan.isEmpty() && fileIds.isEmpty()) {
                throw new SmbkitException(Failure.NOT_FOUND, "no session on " + server.where() + " matches",
                        "List them with smb-sessions " + server.where() + "; nothing was closed");
            }
            boolean refused = plan.stream().anyMatch(t -> t.decision() == CloseTarget.Decision.REFUSED_HOLDS_FILES);
            if (!apply || refused) {
                Renderer.print(CloseView.plan(plan, files, fileIds), output.format, out);
                if (output.format == Format.table) {
                    out.println(refused ? "Refused: some sessions hold open files; closing them can lose unsaved data. "
                            + "Nothing was closed. Add --force if you mean it." : "Dry run: nothing was closed. Add --apply to close.");
                }
                return refused ? Failure.REFUSED_UNSAFE.exitCode() : 0;
            }
            Path where = record != null ? record : Records.defaultPath("close-sessions", server.where());
            CloseRecord.Run run = new CloseRecord.Run(server.where(), plan, files, fileIds);
            where = Records.writeNew(where, run.toMap("planned"));
            Path written = where;
            List<SessionCloser.Outcome> outcomes;
            List<SessionCloser.FileOutcome> fileOutcomes;
            try (ChangeJournal journal = ChangeJournal.start("smb-close-sessions --apply on " + server.where(), spec.commandLine().getErr())) {
                journal.record(written);
                outcomes = SessionCloser.close(server, plan, o -> {
                    run.session(o);
                    if (SessionCloser.ASKED.equals(o.result())) {
                        journal.changed("closed " + o.target().client() + (o.target().user() == null ? "" : " " + o.target().user()));
                    }
                    Records.write(written, run.toMap("in progress"));
                });
                fileOutcomes = SessionCloser.closeFiles(server, fileIds, files, f -> {
                    run.file(f);
                    if (SessionCloser.ASKED.equals(f.result())) {
                        journal.changed("closed file " + f.id());
                    }
                    Records.write(written, run.toMap("in progress"));
                });
                Records.write(written, run.toMap("applied"));
            }
            Renderer.print(CloseView.outcomes(outcomes, fileOutcomes), output.format, out);
            if (output.format == Format.table) {
                out.println("Written to " + where + ".");
            }
            return SessionCloser.exitCode(outcomes, fileOutcomes);
        }
    }

    /** Who smbkit is on the server; locally it has no session of its own. */
    private ClosePlan.Self self(ServerAccess server) {
        if (target.isLocal()) {
            return new ClosePlan.Self(null, null, false);
        }
        var creds = target.credentials();
        return new ClosePlan.Self(server.selfClient(), creds.user(), creds.isAnonymous());
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new CloseSessions(), args));
    }
}
