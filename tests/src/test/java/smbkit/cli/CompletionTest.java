package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * Every catalog alias prints a bash/zsh completion script generated from its picocli model, registered under
 * the alias a user types; every step but the shell takes --format.
 */
class CompletionTest {

    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> aliases() throws Exception {
        Map<String, Object> catalog = JSON.std.mapFrom(Files.readString(Lab.REPO.resolve("jbang-catalog.json")));
        return (Map<String, Map<String, Object>>) catalog.get("aliases");
    }

    static String className(String scriptRef) throws Exception {
        String source = Files.readString(Lab.REPO.resolve(scriptRef));
        String simple = Path.of(scriptRef).getFileName().toString().replace(".java", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^package ([\\w.]+);").matcher(source);
        return m.find() ? m.group(1) + "." + simple : simple;
    }

    @Test
    void everyAliasPrintsItsCompletionUnderItsAlias() throws Exception {
        for (Map.Entry<String, Map<String, Object>> a : aliases().entrySet()) {
            String cls = className((String) a.getValue().get("script-ref"));
            Scripts.Result r = Scripts.run(cls, "--completion");
            assertEquals(0, r.exit(), a.getKey() + ": " + r.err());
            assertTrue(r.out().contains("bashcompinit"), a.getKey() + " works in zsh too");
            assertTrue(r.out().matches("(?s).*complete -F _complete_\\S+ -o default " + java.util.regex.Pattern.quote(a.getKey()) + "\\b.*"),
                    a.getKey() + " registered under its alias:\n" + r.out().lines().filter(l -> l.startsWith("complete")).toList());
            assertTrue(r.out().contains("--help"), a.getKey());
        }
    }

    @Test
    void everyStepTakesFormat() throws Exception {
        for (Map.Entry<String, Map<String, Object>> a : aliases().entrySet()) {
            if (a.getKey().equals("smb-shell")) {
                continue;
            }
            CommandLine cl = Cli.commandLine(Scripts.command(className((String) a.getValue().get("script-ref"))));
            assertTrue(cl.getCommandSpec().optionsMap().containsKey("--format"), a.getKey() + " has --format");
            assertTrue(Cli.completion(cl).contains("(\"table\" \"csv\" \"json\")"), a.getKey() + ": --format's values complete");
        }
    }

    @Test
    void bashLoadsTheScriptAndCompletesAnOption() throws Exception {
        Path script = Files.writeString(tmp.resolve("smb-sessions.bash"), Scripts.run("ListSessions", "--completion").out());
        Proc p = Proc.run(tmp, "bash", "-c", "source " + script + " && COMP_WORDS=(smb-sessions --form) COMP_CWORD=1 "
                + "COMP_LINE='smb-sessions --form' COMP_POINT=18 && _complete_smb-sessions && echo \"${COMPREPLY[@]}\"");
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.out().contains("--format"), p.out());
    }
}
