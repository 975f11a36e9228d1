package smbkit.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import smbkit.Failure;
import smbkit.SmbKit;
import smbkit.SmbkitException;
import smbkit.rpc.SmbErrors;

/**
 * Runs a script's command the same way everywhere: failures become one line on stderr (the stack trace only
 * with --debug) and the exit code of their {@link Failure}; usage errors print the line, the synopsis and a
 * pointer to --help.
 */
public final class Cli {

    private Cli() {}

    /** For {@code main}: {@code System.exit(Cli.execute(new ListSessions(), args))}. */
    public static int execute(Object command, String... args) {
        return commandLine(command).execute(args);
    }

    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new OneLineErrors());
        cl.setParameterExceptionHandler(new UsageErrors());
        cl.setUsageHelpAutoWidth(true);
        // @FILE would read arguments from a file, an --apply among them: arguments come from the command line only.
        cl.setExpandAtFiles(false);
        cl.setExecutionStrategy(Cli::checkThenRun);
        if (!cl.getCommandSpec().optionsMap().containsKey(COMPLETION)) {
            cl.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder(COMPLETION).help(true) // no HOST/FILE needed
                    .description("Print a bash and zsh completion script for this command, from its options: "
                            + "source <(" + cl.getCommandName() + " " + COMPLETION + ")").build());
        }
        return cl;
    }

    static final String COMPLETION = "--completion";

    /**
     * The completion script picocli's AutoComplete generates from the command's model (options, their values,
     * enum candidates), registered for the command's name, which is its catalog alias (CatalogTest checks
     * it); zsh runs it through bashcompinit, which the script loads itself.
     */
    public static String completion(CommandLine cl) {
        return picocli.AutoComplete.bash(cl.getCommandName(), cl);
    }

    /** Options a mixin checks as a whole (combinations, hosts) after parsing and before the command runs. */
    public interface Checked {
        /** Throws a USAGE {@link SmbkitException} for a bad combination or value. */
        void check();
    }

    /** Runs every mixin's {@link Checked#check()}, so bad options fail before anything connects, then the command. */
    static int checkThenRun(ParseResult parsed) {
        if (parsed.hasMatchedOption(COMPLETION)) {
            CommandLine cl = parsed.commandSpec().commandLine();
            cl.getOut().print(completion(cl));
            cl.getOut().flush();
            return 0;
        }
        if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
            for (CommandSpec mixin : parsed.commandSpec().mixins().values()) {
                if (mixin.userObject() instanceof Checked c) {
                    try {
                        c.check();
                    } catch (SmbkitException e) {
                        throw new ExecutionException(parsed.commandSpec().commandLine(), e.getMessage(), e);
                    }
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** The version every script reports. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"smbkit " + SmbKit.VERSION};
        }
    }

    static final class OneLineErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
            SmbkitException e = asSmbkit(ex);
            PrintWriter err = cl.getErr();
            err.println(cl.getCommandName() + ": " + redact(e.oneLine(), parsed.originalArgs().toArray(String[]::new)));
            if (parsed.hasMatchedOption("--debug")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return e.failure().exitCode();
        }
    }

    /** What escapes a command, as a failure: the one mapping is {@link SmbErrors#classify}. */
    static SmbkitException asSmbkit(Throwable ex) {
        return SmbErrors.classify(ex);
    }

    /** Usage messages quote arguments; a mistyped USER%PASSWORD must not put the password on screen. */
    static String redact(String message, String[] args) {
        String m = message == null ? "" : message;
        for (String a : args) {
            int pct = a.indexOf('%');
            if (pct >= 0 && pct + 1 < a.length()) {
                m = m.replace(a.substring(pct + 1), "****");
            }
        }
        return m;
    }

    static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(cl.getCommandName() + ": " + redact(ex.getMessage(), args));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.print(cl.getHelp().fullSynopsis());
            err.println("See '" + cl.getCommandName() + " --help'.");
            err.flush();
            return Failure.USAGE.exitCode();
        }
    }
}
