package smbkit.access;

import java.nio.file.Files;
import java.nio.file.Path;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.samba.LocalSamba;
import smbkit.access.samba.SambaTools;

/**
 * Local mode: the server smbkit runs on, reached without a network session (which a server at its limit
 * refuses). Windows through its own API; a Linux host running Samba through Samba's tools.
 */
public final class LocalServers {

    private LocalServers() {}

    public enum Kind { WINDOWS, SAMBA, NONE }

    /** Which backend fits this machine: pure, so it can be tested anywhere. */
    public static Kind choose(String osName, boolean sambaTools) {
        if (osName != null && osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
            return Kind.WINDOWS;
        }
        return sambaTools ? Kind.SAMBA : Kind.NONE;
    }

    /** @param sambaConf the Samba configuration (null: SMBKIT_SAMBA_CONF, else /etc/samba/smb.conf) */
    public static ServerAccess open(Path sambaConf) {
        Kind kind = choose(System.getProperty("os.name"), SambaTools.installed("smbstatus") && SambaTools.installed("testparm"));
        return switch (kind) {
            case WINDOWS -> windows();
            case SAMBA -> {
                Path conf = sambaConf != null ? sambaConf
                        : Path.of(System.getenv().getOrDefault("SMBKIT_SAMBA_CONF", "/etc/samba/smb.conf"));
                if (!Files.isRegularFile(conf)) {
                    throw new SmbkitException(Failure.LOCAL_UNAVAILABLE, "local mode: no Samba configuration at " + conf,
                            "Give --samba-conf FILE (or SMBKIT_SAMBA_CONF), or a HOST to query a server over the network");
                }
                yield new LocalSamba(new SambaTools(conf));
            }
            case NONE -> throw new SmbkitException(Failure.LOCAL_UNAVAILABLE,
                    "local mode needs Windows or a Samba server, and this machine is neither",
                    "Give a HOST to query a server over the network");
        };
    }

    private static ServerAccess windows() {
        return new smbkit.access.windows.WindowsServer();
    }
}
