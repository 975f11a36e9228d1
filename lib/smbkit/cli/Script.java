package smbkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import smbkit.io.SafeFiles;
import smbkit.render.Format;

/**
 * What every script shares, so that a script is its options, one lib call and a render: the command's spec,
 * -v/-vv/--debug ({@link VerbosityOptions}), where notes go (stderr, named by the command), the one-line
 * failures and their exit codes ({@link Cli}: a script throws a SmbkitException, never prints one), and file
 * output through {@link SafeFiles} only. {@code main} is {@code System.exit(Cli.execute(new X(), args))}.
 */
public abstract class Script implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Mixin
    protected VerbosityOptions verbosity;

    /** The command's name, which is its catalog alias. */
    protected String name() {
        return spec.name();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A note: stderr, after the command's name. */
    protected void note(String line) {
        err().println(name() + ": " + line);
        err().flush();
    }

    /**
     * A failure after a report was printed (samples taken before a server went away): one line, the stack
     * trace with --debug, and {@code kind}'s exit code.
     */
    protected int failed(String line, Throwable cause, smbkit.Failure kind) {
        err().println(name() + ": " + line);
        if (verbosity.debug && cause != null) {
            cause.printStackTrace(err());
        }
        err().flush();
        return kind.exitCode();
    }

    /**
     * A line of the report itself (a dry run's "would change", a summary): under the tables in table format,
     * on stderr otherwise, so that CSV and JSON stay parseable.
     */
    protected void report(Format format, String line) {
        (format == Format.table ? out() : err()).println(line);
    }

    /** A report or snapshot the user named (--html, --save): written whole, replacing the file. */
    protected Path writeReport(Path file, String text) {
        out().flush(); // the report is out before a file that cannot be written ends the run (exit 21)
        return verbosity.step("writing " + file, () -> SafeFiles.replace(file, text));
    }

    /** A progress bar on stderr for a wait of {@code total} steps, shown as {@link Progress} decides. */
    protected Progress progress(String task, long total, String unit) {
        return Progress.start(task, total, unit, err());
    }
}
