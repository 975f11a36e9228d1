package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;

/**
 * The README's three runbooks, each written to a file and run unattended by smb-shell against the KB
 * scenario (the README's addresses rewritten to this run's lab), returning the exit code the README gives.
 */
@Tag("lab")
class RunbooksLabTest {

    @TempDir
    Path tmp;

    record Runbook(String name, int exit, String text) {}

    static Map<String, Runbook> runbooks() throws Exception {
        String readme = Files.readString(Lab.REPO.resolve("README.md"));
        Matcher m = Pattern.compile("(?s)<!-- runbook: (\\S+) exit=(\\d+) -->\\s*```java\\n(.*?)```").matcher(readme);
        Map<String, Runbook> out = new LinkedHashMap<>();
        while (m.find()) {
            String text = m.group(3).lines().map(RunbookSnippetsTest::onThisRunsLab).reduce("", (a, b) -> a + b + "\n");
            out.put(m.group(1), new Runbook(m.group(1), Integer.parseInt(m.group(2)), text));
        }
        return out;
    }

    @BeforeAll
    static void lab() {
        Lab.kbScenario();
    }

    Proc run(Runbook r, String... extra) throws Exception {
        Path file = Files.writeString(tmp.resolve(r.name()), r.text());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", RunbookSnippetsTest.absoluteClassPath(), "smbkit.shell.SmbShell", file.toString(),
                "-A", Lab.ADMIN_AUTH.toString(), "--port", Integer.toString(Lab.PORT)));
        cmd.addAll(List.of(extra));
        return Proc.run(tmp, Map.of(), 300, cmd);
    }

    @Test
    void theReadmeHasThreeRunbooks() throws Exception {
        assertEquals(List.of("kb-check.jsh", "weekly-sweep.jsh", "method-2.jsh"), List.copyOf(runbooks().keySet()));
    }

    @Test
    void theKbCheckOfAListOfWorkstations() throws Exception {
        Runbook r = runbooks().get("kb-check.jsh");
        Proc p = run(r);
        assertEquals(r.exit(), p.exit(), p.out() + p.err());
        assertTrue(p.out().contains(Lab.KB) && p.out().contains("Hosts by load"), p.out());
        assertTrue(p.out().contains("smb-printer-shares"), "the commands to run: " + p.out());
        assertTrue(Files.readString(tmp.resolve("kb-check.html")).contains("id=\"ranking\""), "the report is written");
        assertFalse((p.out() + p.err()).contains(Lab.password(Lab.ADMIN_AUTH)));
    }

    @Test
    void theWeeklySweepWritesThePermanentNullSessionsToCsv() throws Exception {
        Runbook r = runbooks().get("weekly-sweep.jsh");
        Proc p = run(r);
        assertEquals(r.exit(), p.exit(), p.out() + p.err());
        Path csv = tmp.resolve("null-sessions-" + java.time.LocalDate.now() + ".csv");
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("host,client,client_name,sessions,permanent,young,gone"), lines.get(0));
        for (String client : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(Lab.KB + "," + client + ",")), client + " in " + lines);
        }
        assertEquals(4, lines.size(), "the three clients holding NULL sessions, nothing else: " + lines);
    }

    @Test
    void method2OverTheClientsTheDiagnosisNamesIsADryRun() throws Exception {
        Runbook r = runbooks().get("method-2.jsh");
        Proc p = run(r);
        assertEquals(r.exit(), p.exit(), p.out() + p.err());
        for (String client : List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")) {
            assertTrue(p.out().contains(client), client + " planned: " + p.out());
        }
        assertTrue(p.out().contains("laser") && p.out().contains("would remove"), p.out());
        assertFalse(p.out().contains("backup"), "nothing applied: " + p.out());
    }

    @Test
    void throughTheCatalogAlias() throws Exception {
        Runbook r = runbooks().get("weekly-sweep.jsh");
        Path file = Files.writeString(tmp.resolve(r.name()), r.text());
        Proc p = Proc.run(Lab.REPO, Map.of(), 600, List.of(Lab.REPO.resolve("jbang").toString(), "smb-shell", file.toString(),
                "-A", Lab.ADMIN_AUTH.toString(), "--port", Integer.toString(Lab.PORT)));
        assertEquals(r.exit(), p.exit(), p.out() + p.err());
        assertTrue(p.out().contains("127.0.0.3"), p.out());
        Files.deleteIfExists(Lab.REPO.resolve("null-sessions-" + java.time.LocalDate.now() + ".csv"));
    }
}
