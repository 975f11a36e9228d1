///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459, net session: a server's SMB sessions, NULL sessions included, counted against its limit.

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import smbkit.access.ServerAccess;
import smbkit.cli.Cli;
import smbkit.cli.HostScript;
import smbkit.cli.Converters;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionLimit;
import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.render.SessionsView;

@Command(name = "smb-sessions", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Lists the SMB sessions on a server, as 'net session' does on it: client, user, kind "
                + "(null, guest, user), open files, active and idle time; then the count against the server's "
                + "session limit (KB 328459) and the clients that hold more than one session."},
        footer = {"", "Examples:",
                "  smb-sessions fileserver -U CORP/admin",
                "  smb-sessions 10.0.0.5 -A ~/.smbauth --format json",
                "  smb-sessions fileserver -A ~/.smbauth --client 10.0.0.7"})
public class ListSessions extends HostScript {

    @Option(names = "--client", paramLabel = "CLIENT", converter = Converters.Name.class, description = "Only sessions from this client computer.")
    String client;

    @Option(names = "--user", paramLabel = "USER", converter = Converters.Name.class, description = "Only sessions of this user.")
    String user;

    @picocli.CommandLine.Mixin
    smbkit.cli.NamesOptions names;

    @Override
    public Integer call() {
        PrintWriter out = out();
        smbkit.scan.ClientNames clientNames = names.names(); // before connecting: its classes load meanwhile
        try (ServerAccess server = open()) {
            SessionListing listing = server.sessions(client, user);
            Renderer.print(SessionsView.table(listing.sessions(), clientNames.of(
                    listing.sessions().stream().map(smbkit.model.Session::client).toList())), output.format, out);
            if (output.format == Format.table) {
                ServerInfo info = server.serverInfoOrNull();
                SessionCount count = SessionCount.of(listing.sessions(), SessionLimit.of(info));
                SessionsView.summary(count, info, server.where(), listing.source()).forEach(out::println);
            }
        }
        return 0;
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new ListSessions(), args));
    }
}
