package smbkit.cli;

import picocli.CommandLine.Option;
import smbkit.scan.ClientNames;

/** {@code --no-names}: whether a session listing asks its clients' NetBIOS names (node status, UDP 137). */
public class NamesOptions {

    @Option(names = "--no-names", description = "Do not look up the clients' NetBIOS names (node status on UDP 137, "
            + "at most 300 ms per address, all at once); client_name stays null.")
    public boolean noNames;

    @Option(names = "--names-port", paramLabel = "PORT", hidden = true, defaultValue = "137",
            converter = Converters.Positive.class, description = "The NetBIOS name service's UDP port (tests).")
    public int namePort;

    private ClientNames names;

    /** The run's lookup (one cache per run), or {@link ClientNames#OFF}. */
    public ClientNames names() {
        if (names == null) {
            names = noNames ? ClientNames.OFF : ClientNames.on(namePort);
        }
        return names;
    }
}
