///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//DESCRIPTION smbkit in JShell: the lib loaded, for runbook snippets (auth, sessions, nullSessions, diagnose).

package smbkit.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import smbkit.cli.Cli;

/**
 * Opens JShell with smbkit's lib on its class path and {@code smbkit.Runbook}'s calls imported. (JBang's own
 * --interactive loads a script's sources as snippets, which a packaged lib cannot be.)
 */
@Command(name = "smb-shell", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"JShell with smbkit loaded, for runbook snippets: auth(FILE), sessions(HOST), "
                + "nullSessions(HOST...), diagnose(HOST); server(HOST) gives the lib itself. Extra arguments go to JShell "
                + "(a snippet file to run, say)."})
public class SmbShell implements Callable<Integer> {

    static final String STARTUP = """
            import smbkit.*;
            import smbkit.kb.*;
            import smbkit.model.*;
            import static smbkit.Runbook.*;
            """;

    @Parameters(paramLabel = "JSHELL-ARGS", description = "Passed to JShell.")
    List<String> jshellArgs = List.of();

    @Override
    public Integer call() throws Exception {
        Path startup = Files.createTempFile("smbkit-shell", ".jsh");
        try {
            Files.writeString(startup, STARTUP);
            String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                    "--class-path", System.getProperty("java.class.path"), "--execution", "local",
                    "--startup", "DEFAULT", "--startup", startup.toString()), jshellArgs.stream()).toArray(String[]::new);
            return JavaShellToolBuilder.builder().start(args);
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new SmbShell(), args));
    }
}
