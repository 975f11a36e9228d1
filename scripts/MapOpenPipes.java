///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459, net files / nbtstat -s / net share: open files and pipes, connections and shares, per client.

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ConnectionTable;
import smbkit.access.ServerAccess;
import smbkit.cli.Cli;
import smbkit.cli.HostScript;
import smbkit.kb.ClientActivity;
import smbkit.kb.ConnectionTraffic;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.Share;
import smbkit.render.ConnectionTableView;
import smbkit.render.Format;
import smbkit.render.OpenPipesViews;
import smbkit.render.Renderer;

@Command(name = "smb-open-pipes", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Maps what each client holds open on a server, as net files, nbtstat -s and net share show it "
                + "there: open files and named pipes (\\PIPE\\spoolss flagged as the KB's suspect), the connections "
                + "to IPC$ and each share, the shares with printers marked, and the join per client."},
        footer = {"", "Views (--view): all (tables only), clients, files, connections, shares; CSV and JSON print one"
                + " view, clients unless another is named. tcp (local mode only, on the server itself): the server's"
                + " TCP connections on its SMB ports with bytes in and out, age and idle time (nbtstat -s), joined to"
                + " the sessions; a NULL session idle 120 s or more is flagged as the KB's stuck spooler.",
                "", "Examples:",
                "  smb-open-pipes fileserver -A ~/.smbauth",
                "  smb-open-pipes fileserver -A ~/.smbauth --view files --format json",
                "  smb-open-pipes --local --view tcp"})
public class MapOpenPipes extends HostScript {

    enum View { all, clients, files, connections, shares, tcp }

    @Option(names = "--view", paramLabel = "VIEW", defaultValue = "all",
            description = "all, clients, files, connections, shares or tcp (local mode; default: ${DEFAULT-VALUE}).")
    View view;

    @picocli.CommandLine.Mixin
    smbkit.cli.NamesOptions names;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (view == View.tcp && !target.isLocal()) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, "--view tcp needs the server's own TCP table, which no remote call gives",
                    "Run smb-open-pipes --local --view tcp on the server itself");
        }
        smbkit.scan.ClientNames lookup = names.names(); // before connecting: its classes load meanwhile
        try (ServerAccess server = open()) {
            if (view == View.tcp) {
                if (!(server instanceof ConnectionTable table)) {
                    throw new SmbkitException(Failure.NOT_AVAILABLE, server.where() + " cannot list its TCP connections",
                            "Use ss -tinp or netstat -ano on the server");
                }
                List<ConnectionTraffic> joined = ConnectionTraffic.join(table.tcpConnections(), table.sessionEndpoints());
                Renderer.print(ConnectionTableView.tcp(joined), output.format, out);
                if (output.format == Format.table) {
                    long stuck = joined.stream().filter(ConnectionTraffic::stuckSpooler).count();
                    if (stuck > 0) {
                        out.println(stuck + " anonymous session(s) carried no traffic for " + ConnectionTraffic.STUCK_IDLE_SECONDS
                                + " s or more: the KB's stuck print spooler. See smb-null-sessions and smb-restrict-anonymous.");
                    }
                }
                return 0;
            }
            // Only what the view prints is read: --view files on a server with 500 sessions does not list them,
            // and --view shares needs no right to list sessions.
            View shown = view == View.all && output.format != Format.table ? View.clients : view;
            boolean joined = shown == View.all || shown == View.clients;
            List<Session> sessions = joined ? server.sessions(null, null).sessions() : List.of();
            List<OpenFile> files = joined || shown == View.files ? server.openFiles(null, null) : List.of();
            List<Share> shares = joined || shown == View.connections || shown == View.shares ? server.shares() : List.of();
            Map<String, List<Connection>> connections = joined || shown == View.connections
                    ? connectionsPerShare(server, shares) : Map.of();
            boolean reliable = server.connectionsAreReliable();
            List<Connection> all = new ArrayList<>();
            connections.values().forEach(all::addAll);
            List<ClientActivity> clients = joined ? ClientActivity.join(sessions, files, reliable ? all : List.of()) : List.of();

            if (shown == View.all || shown == View.files) {
                Renderer.print(OpenPipesViews.files(files), output.format, out);
            }
            if (shown == View.all || shown == View.connections) {
                Renderer.print(OpenPipesViews.connections(connections, reliable), output.format, out);
            }
            if (shown == View.all || shown == View.shares) {
                Renderer.print(OpenPipesViews.shares(shares), output.format, out);
            }
            if (shown == View.all || shown == View.clients) {
                Renderer.print(OpenPipesViews.clients(clients, lookup.of(clients.stream().map(ClientActivity::client).toList())),
                        output.format, out);
            }
            if (output.format == Format.table && !reliable && (joined || shown == View.connections)) {
                out.println("The server answers NetrConnectionEnum with placeholder data (Samba): connections are "
                        + "counted, not shown as fact.");
            }
            if (output.format == Format.table && (shown == View.all || shown == View.files)
                    && files.stream().noneMatch(OpenFile::isPipe) && server.serverInfoOrNull() != null && server.serverInfoOrNull().isSamba()) {
                out.println("Samba never lists named pipes among open files: \\PIPE\\spoolss held by a NULL session "
                        + "does not show here.");
            }
        }
        return 0;
    }

    /** NetrConnectionEnum per share, as the runbook's connections() reads them (smbkit.run.Steps). */
    private Map<String, List<Connection>> connectionsPerShare(ServerAccess server, List<Share> shares) {
        return smbkit.run.Steps.connectionsPerShare(server, shares, verbosity.verbose()
                ? this::note : null);
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new MapOpenPipes(), args));
    }
}
