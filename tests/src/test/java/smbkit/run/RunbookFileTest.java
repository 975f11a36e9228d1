package smbkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Proc;
import smbkit.Scripts;

/**
 * Runbook files run unattended through smb-shell, with no server: the exit code the runbook chose, one line
 * and a usage code for a runbook that does not compile or whose own code fails, and a host that cannot be
 * reached as a row of failures() rather than an exception.
 */
class RunbookFileTest {

    @TempDir
    Path tmp;

    /** smb-shell in a fresh JVM, as a user runs it: what the runbook prints goes to the process's stdout. */
    Proc shell(String runbook, String... args) throws Exception {
        Path f = Files.writeString(tmp.resolve("runbook.jsh"), runbook);
        String[] all = new String[args.length + 1];
        all[0] = f.toString();
        System.arraycopy(args, 0, all, 1, args.length);
        return Scripts.spawn(java.util.Map.of(), "smbkit.shell.SmbShell", all);
    }

    @Test
    void exitsWithTheCodeTheRunbookChose() throws Exception {
        assertEquals(0, shell("int x = 1;\n").exit());
        assertEquals(1, shell("var n = 3;\nif (n > 2) {\n  exit(1);\n}\nexit(0);\n").exit());
        assertEquals(7, shell("exit(args().size());", "a", "b", "c", "d", "e", "f", "g").exit());
    }

    @Test
    void anExitCodeOutOfRangeIsTheRunbooksMistake() throws Exception {
        Proc r = shell("exit(300);\n");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("runbook.jsh:1:") && r.err().contains("0 to 125"), r.err());
    }

    @Test
    void aSnippetThatDoesNotCompileNamesItsLine() throws Exception {
        Proc r = shell("int x = 1;\n\nString s = 42;\nexit(0);\n");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith(tmp.resolve("runbook.jsh") + ":3: "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void theRunbooksOwnExceptionIsOneLineAndExit2NotABug() throws Exception {
        Proc r = shell("Object o = null;\no.toString();\n");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(":2: the runbook's code failed: java.lang.NullPointerException"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug: " + r.err());
    }

    @Test
    void aJShellCommandOrAnUnclosedBraceIsAUsageError() throws Exception {
        assertEquals(2, shell("/exit 1\n").exit());
        assertEquals(2, shell("if (true) {\n exit(1);\n").exit());
    }

    @Test
    void aBadHostIsAUsageErrorBeforeAnythingConnects() throws Exception {
        Proc r = shell("sessions(\"127.0.999.1\");\n");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("runbook.jsh:1:"), r.err());
    }

    @Test
    void aHostThatFailsIsARowOfFailuresAndTheRunbookGoesOn() throws Exception {
        Path auth = Files.writeString(tmp.resolve("a.auth"), "username = nobody\npassword = secret-word\n");
        // nothing listens on port 1: connection refused, no lab needed
        Proc r = shell("""
                var t = sessions("127.0.0.1:1", "127.0.0.2:1");
                System.out.println("rows " + t.rowCount() + " columns " + t.columnNames());
                var f = failures();
                System.out.println("failed " + f.rowCount() + " " + f.stringColumn("host").asList() + " " + f.longColumn("exit_code").asList());
                exit(f.rowCount() > 0 ? 3 : 0);
                """, "-A", auth.toString());
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("rows 0 columns [host, client, client_name, user, kind, opens, active_s, idle_s, user_flags, client_type, transport]"), r.out());
        assertTrue(r.out().contains("failed 2 [127.0.0.1:1, 127.0.0.2:1] [11, 11]"), r.out());
        assertFalse((r.out() + r.err()).contains("secret-word"));
    }

    @Test
    void callsPrintNothingUnlessShown() throws Exception {
        Path auth = Files.writeString(tmp.resolve("a.auth"), "username = nobody\npassword = x\n");
        Proc r = shell("shares(\"127.0.0.1:1\");\nfindings(\"127.0.0.1:1\");\n", "-A", auth.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        Proc shown = shell("show(failures());\n", "-A", auth.toString());
        assertTrue(shown.out().contains("(no rows: Failures)"), shown.out());
    }

    @Test
    void withoutCredentialsOrATerminalTheFirstCallSaysSo() throws Exception {
        Proc r = shell("sessions(\"127.0.0.1:1\");\n", "-U", "someone");
        // SMBKIT_PASSWORD is not set in the test's environment, and there is no terminal: a usage error
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("SMBKIT_PASSWORD") == null);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no terminal"), r.err());
        Scripts.Result pw = Scripts.run("smbkit.shell.SmbShell", "-U", "me%pw-on-the-line", "x.jsh");
        assertEquals(2, pw.exit());
        assertFalse(pw.err().contains("pw-on-the-line"), pw.err());
    }

    @Test
    void theImportsAreThoseOfTheInteractiveShell() {
        assertTrue(RunbookFile.IMPORTS.containsAll(List.of("import static smbkit.Runbook.*;", "import tech.tablesaw.api.*;")));
    }
}
