package smbkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import picocli.CommandLine;
import smbkit.cli.Cli;

/**
 * Runs a script (a class of ../scripts, compiled by Maven as it is) the way its main does, in-process, with
 * stdout and stderr captured, as picocli's docs test commands.
 */
public final class Scripts {

    private Scripts() {}

    public record Result(int exit, String out, String err) {

        /** stdout as JSON rows (for --format json). */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> rows() {
            try {
                return (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(out);
            } catch (Exception e) {
                throw new AssertionError("not a JSON array: " + out + "\nstderr: " + err, e);
            }
        }

        public Result ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + "\nstdout: " + out + "\nstderr: " + err);
            }
            return this;
        }
    }

    /** The script's command object, by its class name (scripts live in the unnamed package). */
    public static Object command(String script) {
        try {
            return Class.forName(script).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no script class " + script, e);
        }
    }

    public static Result run(String script, String... args) {
        CommandLine cl = Cli.commandLine(command(script));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** The same in a fresh JVM, as a user runs it: for what only a process shows (its command line, System.exit). */
    public static Proc spawn(Map<String, String> env, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), script));
        cmd.addAll(List.of(args));
        return Proc.run(Lab.REPO, env, 120, cmd);
    }

    /**
     * A failure as a user should see it: the exit code, nothing on stdout, one line on stderr that starts with
     * the command's name and says {@code contains}, and no stack trace.
     */
    public static void assertOneLine(Result r, String command, int exit, String contains) {
        org.junit.jupiter.api.Assertions.assertEquals(exit, r.exit(), r.err());
        org.junit.jupiter.api.Assertions.assertEquals("", r.out(), "nothing on stdout");
        List<String> lines = r.err().lines().toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, lines.size(), "one line: " + r.err());
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).startsWith(command + ": "), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(lines.get(0).contains(contains), r.err());
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("\tat "), "no stack trace");
    }
}
