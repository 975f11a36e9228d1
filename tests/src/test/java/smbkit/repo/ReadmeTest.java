package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.Proc;

/**
 * The README is the front door: its first command runs the main job against the lab, its second is the
 * test command, and .ci/run calls exactly that.
 */
class ReadmeTest {

    /** The two commands of the README's "Two commands" section, in order. */
    static List<String> frontDoor() throws Exception {
        String readme = Files.readString(Lab.REPO.resolve("README.md"));
        Matcher m = Pattern.compile("(?s)<!-- front-door -->\\s*```(?:bash|sh)?\\n(.*?)```").matcher(readme);
        assertTrue(m.find(), "README has a front-door block");
        return m.group(1).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.replaceAll("\\s+#.*$", "")).toList();
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws Exception {
        List<String> commands = frontDoor();
        assertEquals(2, commands.size(), commands.toString());
        List<String> ci = Files.readAllLines(Lab.REPO.resolve(".ci/run"));
        assertTrue(ci.contains(commands.get(1)), ".ci/run calls: " + commands.get(1));
    }

    @Test
    @Tag("lab")
    void theMainJobDiagnosesTheLabServerThatShowsTheKbsSymptom() throws Exception {
        Lab.up();
        Proc p = Proc.run(Lab.REPO, Lab.env(), 900, List.of("bash", "-c", frontDoor().get(0)));
        assertEquals(1, p.exit(), "findings call for action: " + p.err());
        assertTrue(p.out().contains("guest"), "NULL sessions as Samba shows them: " + p.out());
        assertTrue(p.out().matches("(?s).*symptom: \\d of 8 sessions.*"), "the count against the limit: " + p.out());
        assertTrue(p.out().contains("Method 1 on " + Lab.KB) && p.out().contains("Method 2 on"), p.out());
    }
}
