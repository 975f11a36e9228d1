package smbkit.cli;

import picocli.CommandLine.Mixin;
import smbkit.access.ServerAccess;
import smbkit.rpc.Target;

/** A script that works on servers: {@link TargetOptions} and {@link OutputOptions} as well, and servers opened traced by -v. */
public abstract class HostScript extends Script {

    @Mixin
    protected TargetOptions target;

    @Mixin
    protected OutputOptions output;

    /** The one server named on the command line, or this machine in local mode. */
    protected ServerAccess open() {
        return target.isLocal() ? local() : open(target.target());
    }

    /** This machine, through its own API or tools. */
    protected ServerAccess local() {
        return verbosity.traced(verbosity.step("opening this machine", () -> target.servers().openLocal()),
                ServerAccess.class, "this machine");
    }

    /** A server over SMB (one host of a multi-host run). */
    protected ServerAccess open(Target t) {
        return verbosity.traced(verbosity.step("connecting to " + t, () -> target.servers().open(t)), ServerAccess.class,
                t.toString());
    }

    /** A host by its name as given ("this machine" for local mode). */
    protected ServerAccess open(String host) {
        return host.equals(LOCAL) ? local() : open(Target.parse(host));
    }

    /**
     * The server a backup goes back to: the one it names. A HOST given too must be that one (checked before
     * connecting) unless {@code toOtherHost}; with no HOST and no --local, the backup's host; else this machine,
     * which must be the backup's unless {@code toOtherHost}.
     */
    protected ServerAccess openForBackup(java.nio.file.Path file, String backupHost, boolean toOtherHost) {
        if (target.hasHost()) {
            smbkit.change.Records.checkHost(file, backupHost, target.target().toString(), toOtherHost);
            return open(target.target());
        }
        boolean explicitLocal = spec.commandLine().getParseResult().hasMatchedOption("--local");
        if (!explicitLocal && !backupHost.startsWith(LOCAL)) {
            return open(Target.parse(backupHost));
        }
        ServerAccess server = local();
        try {
            smbkit.change.Records.checkHost(file, backupHost, server.where(), toOtherHost);
        } catch (smbkit.SmbkitException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** How a multi-host run names this machine in local mode. */
    public static final String LOCAL = "this machine";
}
