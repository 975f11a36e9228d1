package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;

/**
 * The README's runbook snippets, typed into JShell from the repository root as smb-shell sets it up (the lib
 * on the class path, the Runbook calls imported), against the KB scenario.
 */
@Tag("lab")
class RunbookSnippetsTest {

    @TempDir
    Path tmp;

    static List<String> snippets() throws Exception {
        String readme = Files.readString(Lab.REPO.resolve("README.md"));
        Matcher m = Pattern.compile("(?s)<!-- runbook-snippets -->\\s*```(?:java|jshell)?\\n(.*?)```").matcher(readme);
        assertTrue(m.find(), "README has a runbook-snippets block");
        return m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("//"))
                .map(RunbookSnippetsTest::onThisRunsLab).toList();
    }

    /** The README names the default lab's servers; this run's lab has ports of its own. */
    static String onThisRunsLab(String snippet) {
        return Pattern.compile("\"(127\\.0\\.0\\.\\d+)(:4450)?\"").matcher(snippet).replaceAll(m ->
                Matcher.quoteReplacement("\"" + (m.group(2) != null ? Lab.KB : Lab.at(m.group(1))) + "\""));
    }

    /** smb-shell's startup, read from the script so the test follows it. */
    static String startup() throws Exception {
        String script = Files.readString(Lab.REPO.resolve("scripts/SmbShell.java"));
        Matcher m = Pattern.compile("(?s)STARTUP = \"\"\"\\n(.*?)\"\"\"").matcher(script);
        assertTrue(m.find(), "SmbShell has its startup imports");
        return m.group(1).lines().map(String::strip).reduce("", (a, b) -> a + b + "\n");
    }

    /** The test's class path with every entry absolute: JShell runs from the repository root. */
    static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).reduce((a, b) -> a + java.io.File.pathSeparator + b).orElse("");
    }

    @Test
    void theReadmesSnippetsRunAsWritten() throws Exception {
        Lab.kbScenario();
        List<String> snippets = snippets();
        assertTrue(snippets.size() >= 3, snippets.toString());
        Path startup = Files.writeString(tmp.resolve("startup.jsh"), startup());
        Path input = Files.writeString(tmp.resolve("input.jsh"), String.join("\n", snippets) + "\n/exit\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "--class-path", absoluteClassPath(), "-J--class-path=" + absoluteClassPath(),
                // smb-shell runs JShell in a class-path JVM, which has every system module; the jshell launcher
                // needs jdk.unsupported named for Tablesaw's class-path scan
                "-J--add-modules=jdk.unsupported", "-R--add-modules=jdk.unsupported", "--execution", "local",
                "--startup", "DEFAULT", "--startup", startup.toString(), "--feedback", "normal"));
        Process p = new ProcessBuilder(cmd).directory(Lab.REPO.toFile()).redirectInput(input.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("Error:") || out.contains("Exception"), out);
        assertTrue(out.contains("NULL sessions") && out.contains(Lab.KB), "the NULL-session table: " + out);
        assertTrue(out.contains("Count"), "NULL sessions counted per client: " + out);
        assertTrue(out.contains("[laser, inkjet]") || out.contains("[inkjet, laser]"), "the printer shares: " + out);
    }
}
