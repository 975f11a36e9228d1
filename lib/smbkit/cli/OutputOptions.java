package smbkit.cli;

import picocli.CommandLine.Option;
import smbkit.render.Format;

/** {@code --format table|csv|json}, the same in every script. */
public class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public Format format;
}
