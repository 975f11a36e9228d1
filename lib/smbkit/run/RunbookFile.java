package smbkit.run;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import smbkit.Failure;
import smbkit.Runbook;
import smbkit.SmbkitException;
import smbkit.io.SafeFiles;

/**
 * Runs a runbook file unattended: its snippets one after the other in JShell, in this JVM (so the lib and
 * the credentials smb-shell was given are the ones the snippets see), printing only what the runbook prints.
 * The exit code is the one the runbook chose with {@code exit(N)}, else 0; a snippet that does not compile
 * is a usage error (2) naming its line; a failure smbkit throws ends the run with its one line and code; an
 * exception of the runbook's own code (a column name mistyped, say) is 2 as well; 70 only for smbkit's bugs.
 */
public final class RunbookFile {

    private RunbookFile() {}

    /** A runbook is a text file a person writes: 1 MiB is far more than one would. */
    static final long CAP = 1L << 20;

    /** What smb-shell imports for every snippet, interactive or not. */
    public static final List<String> IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.regex.*;", "import java.util.stream.*;",
            "import smbkit.*;", "import smbkit.kb.*;", "import smbkit.model.*;", "import tech.tablesaw.api.*;",
            "import static smbkit.Runbook.*;");

    public static int run(Path file, List<String> args, PrintWriter err, boolean debug) {
        String text = SafeFiles.readText(file, CAP, "runbook", "Give a text file of JShell snippets (a .jsh file)");
        return run(file.toString(), text, args, err, debug);
    }

    public static int run(String name, String text, List<String> args, PrintWriter err, boolean debug) {
        Runbook.reset();
        Runbook.arguments(args);
        Catching engine = new Catching();
        try (JShell shell = JShell.builder().executionEngine(engine, Map.of())
                .compilerOptions("--class-path", System.getProperty("java.class.path")).build()) {
            for (String i : IMPORTS) {
                shell.eval(i);
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String rest = text;
            int line = 1;
            while (!rest.isBlank()) {
                String head = rest.stripLeading();
                if (head.startsWith("/") && !head.startsWith("//") && !head.startsWith("/*")) {
                    err.println(name + ":" + (line + leadingNewlines(rest)) + ": JShell commands (" + head.split("\\s")[0]
                            + ") are not runbook code: end a runbook with exit(N)");
                    return Failure.USAGE.exitCode();
                }
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                String source = info.source();
                int startLine = line + leadingNewlines(rest);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break; // only comments and blanks are left
                }
                if (source == null || !info.completeness().isComplete()) {
                    err.println(name + ":" + startLine + ": the runbook ends inside a snippet (a brace or quote not closed)");
                    return Failure.USAGE.exitCode();
                }
                int consumed = Math.max(0, rest.length() - info.remaining().length());
                line += count(rest.substring(0, consumed));
                rest = info.remaining();
                engine.thrown = null;
                for (SnippetEvent e : shell.eval(source)) {
                    Integer code = outcome(shell, e, engine, name, startLine, err, debug);
                    if (code != null) {
                        return code;
                    }
                }
            }
            return 0;
        } finally {
            System.out.flush();
        }
    }

    /** Null to go on, else the exit code. */
    private static Integer outcome(JShell shell, SnippetEvent e, Catching engine, String name, int line, PrintWriter err,
            boolean debug) {
        if (e.status() == Snippet.Status.REJECTED) {
            String why = shell.diagnostics(e.snippet()).filter(Diag::isError).map(d -> d.getMessage(null))
                    .findFirst().orElse("does not compile");
            err.println(name + ":" + line + ": " + why.lines().findFirst().orElse(why));
            return Failure.USAGE.exitCode();
        }
        JShellException ex = e.exception();
        if (ex == null) {
            return null;
        }
        Throwable thrown = engine.thrown;
        if (thrown instanceof Runbook.Exit exit) {
            return exit.code();
        }
        if (thrown instanceof SmbkitException s) {
            err.println(name + ":" + line + ": " + s.oneLine());
            trace(err, debug, thrown);
            return s.failure().exitCode();
        }
        if (ex instanceof UnresolvedReferenceException u) {
            err.println(name + ":" + line + ": " + u.getSnippet().source().strip().lines().findFirst().orElse("")
                    + " refers to something not defined");
            return Failure.USAGE.exitCode();
        }
        String what = ex instanceof EvalException ev ? ev.getExceptionClassName() : ex.getClass().getName();
        boolean ours = thrown != null && thrown.getStackTrace().length > 0
                && thrown.getStackTrace()[0].getClassName().startsWith("smbkit.");
        if (ours) {
            SmbkitException s = smbkit.rpc.SmbErrors.classify(thrown);
            err.println(name + ":" + line + ": " + s.oneLine());
            trace(err, debug, thrown);
            return s.failure().exitCode();
        }
        err.println(name + ":" + line + ": the runbook's code failed: " + what
                + (ex.getMessage() == null ? "" : ": " + ex.getMessage().lines().findFirst().orElse(""))
                + ". Fix the runbook (run with --debug for where)");
        trace(err, debug, thrown);
        return Failure.USAGE.exitCode();
    }

    private static void trace(PrintWriter err, boolean debug, Throwable t) {
        if (debug && t != null) {
            t.printStackTrace(err);
        }
        err.flush();
    }

    private static int count(String s) {
        return (int) s.chars().filter(c -> c == '\n').count();
    }

    private static int leadingNewlines(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isWhitespace(s.charAt(i)); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** JShell's local engine, keeping what a snippet threw (JShell itself keeps only its class name and message). */
    static final class Catching implements ExecutionControlProvider {
        volatile Throwable thrown;

        @Override
        public String name() {
            return "smbkit-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new LocalExecutionControl() {
                @Override
                protected String throwConvertedInvocationException(Throwable cause)
                        throws ExecutionControl.RunException, ExecutionControl.InternalException {
                    thrown = cause;
                    return super.throwConvertedInvocationException(cause);
                }

                @Override
                protected String invoke(Method doitMethod) throws Exception {
                    return super.invoke(doitMethod);
                }
            };
        }
    }
}
