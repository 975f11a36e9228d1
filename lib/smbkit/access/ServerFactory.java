package smbkit.access;

import java.nio.file.Path;
import java.util.function.Supplier;

import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * Opens servers the same way for every host of a run: over SMB with these credentials (asked for once, when
 * the first host needs them) and connection options, or this machine in local mode.
 */
public record ServerFactory(Supplier<Credentials> credentials, SmbConnection.Options options, int preferredLength,
        Path sambaConf) {

    /** A server over SMB. */
    public ServerAccess open(Target target) {
        return new RemoteServer(SmbConnection.open(target, credentials.get(), options), preferredLength);
    }

    /** This machine, through its own API or tools. */
    public ServerAccess openLocal() {
        return LocalServers.open(sambaConf);
    }
}
