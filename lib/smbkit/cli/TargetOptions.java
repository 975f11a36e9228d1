package smbkit.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerFactory;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * The server and the credentials, the same in every script, as smbclient users know them:
 * {@code HOST -U [DOMAIN/]USER[%PASSWORD]}, {@code -A AUTHFILE}, {@code -N}, or SMBKIT_USER / SMBKIT_PASSWORD
 * for unattended runs; with none of these, a password prompt when there is a terminal ({@link CredentialResolver} decides,
 * as it does for runbooks). Opening the servers is {@link ServerFactory}'s job.
 */
public class TargetOptions implements Cli.Checked {

    public static final String ENV_USER = EnvCredentials.ENV_USER;
    public static final String ENV_PASSWORD = EnvCredentials.ENV_PASSWORD;

    @Parameters(arity = "0..*", paramLabel = "HOST",
            description = "Server name or address, optionally HOST:PORT (\\\\HOST works too).")
    List<String> hosts = new ArrayList<>();

    @Option(names = {"-U", "--username"}, paramLabel = "[DOMAIN/]USER[%PASSWORD]",
            description = "Log on as USER. A password given here is visible in the process list: "
                    + "prefer -A, ${ENV_PASSWORD} or the prompt.")
    String userSpec;

    @Option(names = {"-A", "--authentication-file"}, paramLabel = "FILE",
            description = "smbclient-style file with 'username =', 'password =', 'domain =' lines.")
    Path authFile;

    @Option(names = {"-N", "--no-pass"}, description = "Use a NULL (anonymous) session: no user, no password.")
    boolean anonymous;

    @Option(names = {"-W", "--domain"}, paramLabel = "DOMAIN", description = "Domain (or workgroup) of the user, as smbclient's -W. "
            + "The hosts of a workgroup are --workgroup NAME.")
    String domain;

    @picocli.CommandLine.Mixin
    TimeoutOption timeout = new TimeoutOption();

    @Option(names = "--source-address", paramLabel = "ADDRESS", converter = Converters.Address.class,
            description = "Connect from this local address (the lab uses 127.0.0.x).")
    String sourceAddress;

    @Option(names = "--no-smb1", description = "Refuse SMB1 outright: offer SMB 2.0.2 to 3.1.1 only, and stop with one line "
            + "(exit 24) at a server that speaks only SMB1 (NT 4.0, 2000, XP). By default SMB1 is used only when the "
            + "server offers nothing newer, with a note.")
    boolean noSmb1;

    @Option(names = "--local", description = "Work on this machine itself, without a network session (the default "
            + "when no HOST is given): Windows through its own API, Samba through its own tools.")
    boolean local;

    @Option(names = "--samba-conf", paramLabel = "FILE",
            description = "Local mode on Samba: its configuration file (default: SMBKIT_SAMBA_CONF, else the one smbd -b reports, else /etc/samba/smb.conf).")
    Path sambaConf;

    @Option(names = "--preferred-length", paramLabel = "BYTES", hidden = true, defaultValue = "-1",
            description = "Ask for enumeration replies of about BYTES (paging); default: as large as the server likes.")
    int preferredLength;

    /** The command these options belong to: its stderr gets the notes (System.err when used on their own). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Environment, overridable in tests. */
    Map<String, String> env = System.getenv();

    /**
     * Before anything connects: every HOST is a host or range (checked, not looked up), none is empty, and
     * --local is not given with a HOST (which would silently work on this machine instead).
     */
    @Override
    public void check() {
        if (local && !hosts.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "--local and a HOST do not go together",
                    "Drop --local to query the HOST, or the HOST to work on this machine");
        }
        for (String h : hosts) {
            Hosts.expand(h.strip());
        }
    }

    /** Local mode: asked for with --local, or no HOST given. */
    public boolean isLocal() {
        return local || hosts.isEmpty();
    }

    /**
     * How this run opens servers: over SMB with these credentials (resolved when the first host needs them) and
     * connection options, or this machine with --samba-conf.
     */
    public ServerFactory servers() {
        return new ServerFactory(this::credentials, connectionOptions(), preferredLength, sambaConf);
    }

    public boolean hasHost() {
        return !hosts.isEmpty();
    }

    /** The hosts named on the command line, in order. */
    public List<String> hosts() {
        return List.copyOf(hosts);
    }

    /** The one host of a single-host script. */
    public Target target() {
        if (local) {
            throw new SmbkitException(Failure.USAGE, "--local and a HOST do not go together",
                    "Drop --local to query the HOST, or the HOST to work on this machine");
        }
        if (hosts.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "no HOST given",
                    "Name the server to query, e.g. fileserver or 10.0.0.5");
        }
        if (hosts.size() > 1) {
            throw new SmbkitException(Failure.USAGE, "one HOST only, not " + hosts.size(),
                    "Run it once per server (smb-diagnose and smb-printer-shares take many)");
        }
        return Target.parse(hosts.get(0));
    }

    /**
     * --timeout bounds every stage: the TCP connect, the SMB negotiate and each reply. --no-smb1 refuses SMB1;
     * the note that a server speaks only SMB1 (or was reached on 139) goes to stderr.
     */
    public SmbConnection.Options connectionOptions() {
        Duration timeout = Duration.ofSeconds(this.timeout.seconds());
        return new SmbConnection.Options(timeout, timeout, sourceAddress, !noSmb1, this::note);
    }

    private final java.util.Set<String> noted = new java.util.HashSet<>();

    /** Each note once per run, however many connections a step makes to the same server. */
    private synchronized void note(String line) {
        if (!noted.add(line)) {
            return;
        }
        java.io.PrintWriter err = mixee == null || mixee.commandLine() == null ? null : mixee.commandLine().getErr();
        if (err == null) {
            System.err.println(line);
        } else {
            err.println(line);
            err.flush();
        }
    }

    private Credentials resolved;

    /** Resolves who to log on as, prompting for a password only when nothing else gave one (once). */
    public Credentials credentials() {
        if (resolved == null) {
            resolved = resolveCredentials();
        }
        return resolved;
    }

    private Credentials resolveCredentials() {
        if (anonymous) {
            if (userSpec != null || authFile != null) {
                throw new SmbkitException(Failure.USAGE, "-N (NULL session) cannot be combined with -U or -A",
                        "Drop -N to log on as a user, or drop -U/-A for a NULL session");
            }
            return Credentials.anonymous();
        }
        CredentialResolver.Given given = new CredentialResolver.Given(domain, null, null);
        if (authFile != null) {
            given = given.then(CredentialResolver.Given.of(AuthFile.read(authFile)));
        }
        if (userSpec != null) {
            given = given.then(CredentialResolver.Given.of(UserSpec.parse(userSpec)));
        }
        return CredentialResolver.resolve(given, env);
    }
}
