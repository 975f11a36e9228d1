///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//DESCRIPTION smbkit in JShell: runbook calls returning Tablesaw tables; a runbook file runs unattended and exits with its code.

package smbkit.shell;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import smbkit.cli.AuthFile;
import smbkit.cli.Cli;
import smbkit.cli.Script;
import smbkit.run.RunbookCredentials;
import smbkit.run.RunbookFile;

/**
 * Runs a runbook file unattended (its snippets in JShell, in this JVM, with smbkit's calls imported), exiting
 * with the code the runbook chose with exit(N); with no file, opens JShell with the same imports. (JBang's own
 * --interactive loads a script's sources as snippets, which a packaged lib cannot be.)
 */
@Command(name = "smb-shell", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Runbooks: smbkit's steps as calls returning Tablesaw tables (sessions, nullSessions, openFiles, "
                + "connections, shares, clients, findings, ranking; failures(); show(table), csv(table, FILE); "
                + "restrictAnonymous, removePrinterShares, closeNullSessions, closeSessions return a plan, apply(plan) "
                + "changes; exit(N)). With FILE, runs it unattended and exits with the code it chose (0 if none); "
                + "without, opens JShell. Credentials from -A, SMBKIT_USER/SMBKIT_PASSWORD, or a prompt: never from the file."},
        footer = {"", "Examples:",
                "  smb-shell kb-check.jsh -A ~/.smbauth ws01 ws02 ws03      (args() gives the hosts)",
                "  SMBKIT_USER=CORP/admin SMBKIT_PASSWORD=... smb-shell weekly-sweep.jsh fs1 fs2",
                "  smb-shell -A ~/.smbauth                                  (interactive)"})
public class SmbShell extends Script {

    static final String STARTUP = """
            import smbkit.*;
            import smbkit.kb.*;
            import smbkit.model.*;
            import tech.tablesaw.api.*;
            import static smbkit.Runbook.*;
            """;

    @Option(names = {"-A", "--authentication-file"}, paramLabel = "FILE",
            description = "smbclient-style file with 'username =', 'password =', 'domain =' lines.")
    Path authFile;

    @Option(names = {"-U", "--username"}, paramLabel = "[DOMAIN/]USER",
            description = "Log on as USER; the password comes from SMBKIT_PASSWORD or a prompt (never from the command line).")
    String user;

    @Option(names = "--port", paramLabel = "PORT", converter = smbkit.cli.Converters.Positive.class,
            description = "Reach hosts that name no port on PORT (default: 445).")
    Integer port;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUNBOOK", description = "A file of JShell snippets to run unattended.")
    Path runbook;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARG", description = "Arguments for the runbook: args() gives them.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        RunbookCredentials.forget();
        if (user != null && user.contains("%")) {
            throw new smbkit.SmbkitException(smbkit.Failure.USAGE, "smb-shell takes no password on its command line",
                    "Use -A FILE, SMBKIT_PASSWORD, or the prompt");
        }
        if (authFile != null) {
            RunbookCredentials.use(AuthFile.read(authFile));
        } else if (user != null) {
            RunbookCredentials.user(user);
        }
        PrintWriter err = spec.commandLine().getErr();
        smbkit.Runbook.port(port == null ? smbkit.rpc.Target.SMB_PORT : port);
        if (runbook != null) {
            verbosity.say("running " + runbook + (args.isEmpty() ? "" : " with " + args.size() + " argument(s)"));
            return RunbookFile.run(runbook, args, err, verbosity.debug);
        }
        Path startup = Files.createTempFile("smbkit-shell", ".jsh");
        try {
            Files.writeString(startup, STARTUP);
            String[] jshell = {"--class-path", System.getProperty("java.class.path"), "--execution", "local",
                    "--startup", "DEFAULT", "--startup", startup.toString()};
            return JavaShellToolBuilder.builder().start(jshell);
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new SmbShell(), args));
    }
}
