package smbkit.cli;

import picocli.CommandLine.Option;

/** {@code --timeout SECONDS}: how long an SMB server may take to answer, for every script that reaches one. */
public final class TimeoutOption {

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", converter = Converters.Positive.class,
            description = "Give up on an SMB server that does not answer within this time (default: ${DEFAULT-VALUE} s).")
    int seconds = 20;

    public int seconds() {
        return seconds;
    }
}
