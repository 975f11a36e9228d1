///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's last resort, net session /delete: close sessions or open files, a dry run unless --apply.

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.change.ChangeRuns;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.HostScript;
import smbkit.kb.ClosePlan;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionFilter;
import smbkit.render.CloseView;
import smbkit.render.Format;
import smbkit.render.Renderer;

@Command(name = "smb-close-sessions", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Closes sessions (net session \\\\client /delete) or open files by id, the KB's last resort. "
                + "A dry run unless --apply: it first lists what would be closed, open files included, and refuses "
                + "to close a session that holds files (pipes aside) unless --force, since unsaved data can be lost. "
                + "It never closes its own session. What it closed is written to a JSON record (--save) for the runbook."},
        footer = {"", "Examples:",
                "  smb-close-sessions fileserver -A ~/.smbauth --null-only                 (dry run)",
                "  smb-close-sessions fileserver -A ~/.smbauth --null-only --apply",
                "  smb-close-sessions fileserver -A ~/.smbauth --client 10.0.0.7 --apply",
                "  smb-close-sessions fileserver -A ~/.smbauth --file 1234 --apply"})
public class CloseSessions extends HostScript {

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

    @Option(names = "--save", paramLabel = "FILE",
            description = "Where to write what was closed, updated as each one is closed (default with --apply: "
                    + "close-sessions-HOST-TIME.json in $XDG_STATE_HOME/smbkit, else ~/.local/state/smbkit); never overwritten.")
    Path save;

    /** The old spelling of --save. */
    @Option(names = "--record", paramLabel = "FILE", hidden = true)
    void record(Path file) {
        save = file;
    }

    @Override
    public Integer call() {
        if (clients.isEmpty() && user == null && !nullOnly && fileIds.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "nothing selected to close",
                    "Say what: --client CLIENT, --user USER, --null-only, or --file ID");
        }
        PrintWriter out = out();
        try (ServerAccess server = open()) {
            List<Session> sessions = server.sessions(null, null).sessions();
            List<OpenFile> files = server.openFiles(null, null);
            ChangeRuns.checkSelection(sessions, files, clients, fileIds, server.where());
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
            ChangeRuns.Closing closed = ChangeRuns.close(server, plan, files, fileIds, save,
                    name() + " --apply on " + server.where(), err());
            Renderer.print(CloseView.outcomes(closed.sessions(), closed.files()), output.format, out);
            if (output.format == Format.table) {
                out.println("Written to " + closed.record() + ".");
            }
            return closed.exitCode();
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
