package smbkit.cli;

import picocli.CommandLine.Option;

/** {@code -v} for progress notes on stderr, {@code --debug} for stack traces on failure. */
public class VerbosityOptions {

    @Option(names = {"-v", "--verbose"}, description = "Say on stderr what is being done.")
    public boolean verbose;

    @Option(names = "--debug", description = "On failure, print the stack trace as well.")
    public boolean debug;
}
