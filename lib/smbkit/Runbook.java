package smbkit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import smbkit.access.RemoteServer;
import smbkit.access.ServerAccess;
import smbkit.access.SnapshotCollector;
import smbkit.cli.AuthFile;
import smbkit.cli.EnvCredentials;
import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.kb.SessionKinds;
import smbkit.model.Session;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.render.SessionsView;
import smbkit.render.TableData;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * smbkit for JShell and runbook snippets: a few calls that read like the KB's steps, printing a table and
 * returning the rows. Credentials come from {@link #auth(String)} (an smbclient-style file) or from
 * the environment as the scripts read it ({@link EnvCredentials}), never from a literal in the snippet.
 *
 * <pre>
 * auth("tests/lab/admin.auth")
 * nullSessions("10.0.0.5", "10.0.0.6", "10.0.0.7")
 * diagnose("10.0.0.5")
 * </pre>
 */
public final class Runbook {

    private Runbook() {}

    private static Credentials credentials;
    private static SmbConnection.Options options = SmbConnection.Options.defaults();

    /** Log on with an smbclient-style authentication file from now on. */
    public static void auth(String authFile) {
        AuthFile f = AuthFile.read(Path.of(authFile));
        credentials = Credentials.user(f.domain(), f.user(), f.password());
    }

    /** Connect from this local address from now on (the lab's 127.0.0.x). */
    public static void from(String localAddress) {
        options = options.withLocalAddress(localAddress);
    }

    /** A server to call the lib on directly; close it when done (try-with-resources). */
    public static ServerAccess server(String host) {
        return RemoteServer.connect(Target.parse(host), credentials(), options);
    }

    /** The sessions of one server, as list-sessions shows them. */
    public static List<Session> sessions(String host) {
        try (ServerAccess s = server(host)) {
            List<Session> sessions = s.sessions(null, null).sessions();
            show(SessionsView.table(sessions));
            return sessions;
        }
    }

    /** The NULL (and guest-mapped) sessions of several servers, one table, a row per session with its host. */
    public static List<Map<String, Object>> nullSessions(String... hosts) {
        TableData t = new TableData("NULL sessions").column("host", "Host", String.class)
                .column("client", "Client", String.class).column("user", "User", String.class)
                .column("active_s", "Active (s)", Long.class).column("opens", "Opens", Long.class);
        for (String host : hosts) {
            try (ServerAccess s = server(host)) {
                s.sessions(null, null).sessions().stream().filter(SessionKinds::isAnonymous)
                        .forEach(x -> t.row(host, x.client(), x.user(), x.activeSeconds(), x.opens()));
            } catch (SmbkitException e) {
                t.row(host, null, null, null, null);
                System.err.println(host + ": " + e.oneLine());
            }
        }
        show(t);
        return new ArrayList<>(t.rows());
    }

    /** smb-diagnose for one server: its findings, printed with their evidence and commands. */
    public static List<Finding> diagnose(String host) {
        try (ServerAccess s = server(host)) {
            HostDiagnosis d = HostDiagnosis.of(SnapshotCollector.collect(s));
            smbkit.render.DiagnosisView.text(d).forEach(System.out::println);
            return d.findings();
        }
    }

    private static Credentials credentials() {
        if (credentials == null) {
            EnvCredentials env = EnvCredentials.read(System.getenv());
            if (env.user() == null || env.password() == null) {
                throw new SmbkitException(Failure.USAGE, "no credentials",
                        "Call auth(\"FILE\") first, or set " + EnvCredentials.ENV_USER + " and " + EnvCredentials.ENV_PASSWORD
                                + " (or " + EnvCredentials.ENV_USER + "=USER%PASSWORD)");
            }
            credentials = Credentials.user(env.domain(), env.user(), env.password());
        }
        return credentials;
    }

    private static void show(TableData t) {
        PrintWriter out = new PrintWriter(System.out, true);
        Renderer.print(t, Format.table, out);
    }
}
