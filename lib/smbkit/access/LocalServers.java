package smbkit.access;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.samba.LocalSamba;
import smbkit.access.samba.SambaTools;

/**
 * Local mode: the server smbkit runs on, reached without a network session (which a server at its limit
 * refuses). Windows through its own API; a machine running Samba through Samba's own tools.
 */
public final class LocalServers {

    private LocalServers() {}

    public static final String ENV_SAMBA_CONF = "SMBKIT_SAMBA_CONF";
    static final Path DEFAULT_SAMBA_CONF = Path.of("/etc/samba/smb.conf");

    public enum Kind { WINDOWS, SAMBA, NONE }

    /**
     * Which backend fits this machine: pure, so it can be tested anywhere. Samba needs its server (smbd)
     * and smbstatus, whatever the Unix; the other tools say what to install when they are missing.
     */
    public static Kind choose(String osName, boolean sambaInstalled) {
        if (osName != null && osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Kind.WINDOWS;
        }
        return sambaInstalled ? Kind.SAMBA : Kind.NONE;
    }

    /** @param sambaConf the Samba configuration, or null for {@link #sambaConf} to find it */
    public static ServerAccess open(String sambaConf) {
        return open(sambaConf == null || sambaConf.isBlank() ? null : Path.of(sambaConf));
    }

    /** @param sambaConf the Samba configuration, or null for {@link #sambaConf} to find it */
    public static ServerAccess open(Path sambaConf) {
        Kind kind = choose(System.getProperty("os.name"), SambaTools.installed("smbd") && SambaTools.installed("smbstatus"));
        return switch (kind) {
            case WINDOWS -> windows();
            case SAMBA -> new LocalSamba(new SambaTools(readable(sambaConf(sambaConf, System.getenv(), SambaTools::builtInConfig))));
            case NONE -> throw new SmbkitException(Failure.LOCAL_UNAVAILABLE, "local mode needs Windows or a Samba server",
                    "Give a HOST to query a server over the network");
        };
    }

    /**
     * The configuration local mode reads: the one given, else $SMBKIT_SAMBA_CONF, else the one smbd was built
     * with ({@code smbd -b}: CONFIGFILE), else /etc/samba/smb.conf.
     */
    static Path sambaConf(Path given, Map<String, String> env, Supplier<Optional<Path>> builtIn) {
        if (given != null) {
            return given;
        }
        String fromEnv = env.get(ENV_SAMBA_CONF);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return builtIn.get().orElse(DEFAULT_SAMBA_CONF);
    }

    private static Path readable(Path conf) {
        if (!Files.isRegularFile(conf)) {
            throw new SmbkitException(Failure.LOCAL_UNAVAILABLE, "local mode: no Samba configuration at " + conf,
                    "Give --samba-conf FILE (or " + ENV_SAMBA_CONF + "), or a HOST to query a server over the network");
        }
        if (!Files.isReadable(conf)) {
            throw new SmbkitException(Failure.FILE_ERROR, "local mode: cannot read " + conf,
                    "Run smbkit as root on the Samba server (sudo)");
        }
        return conf;
    }

    private static ServerAccess windows() {
        return new smbkit.access.windows.WindowsServer();
    }
}
