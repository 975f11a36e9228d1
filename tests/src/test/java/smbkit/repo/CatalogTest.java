package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Lab;
import smbkit.Proc;

/**
 * The JBang catalog: every alias points at a script whose file and class names agree and whose picocli
 * command is named as the alias (the name usage, errors and notes print), that describes itself, and that builds and runs through ./jbang as a user would run it.
 */
class CatalogTest {

    static final Pattern CLASS = Pattern.compile("(?m)^public class (\\w+)");
    static final Pattern COMMAND = Pattern.compile("@Command\\(name = \"([\\w-]+)\"");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> aliases() throws Exception {
        Map<String, Object> catalog = JSON.std.mapFrom(Files.readString(Lab.REPO.resolve("jbang-catalog.json")));
        return (Map<String, Map<String, Object>>) catalog.get("aliases");
    }

    @Test
    void everyAliasPointsAtAScriptWhoseNamesAgree() throws Exception {
        assertFalse(aliases().isEmpty());
        for (Map.Entry<String, Map<String, Object>> alias : aliases().entrySet()) {
            String ref = (String) alias.getValue().get("script-ref");
            Path script = Lab.REPO.resolve(ref);
            assertTrue(Files.isRegularFile(script), alias.getKey() + " -> " + ref);
            String source = Files.readString(script);
            String file = script.getFileName().toString().replace(".java", "");

            Matcher c = CLASS.matcher(source);
            assertTrue(c.find(), ref + " has a public class");
            assertEquals(file, c.group(1), ref + ": file and class");
            Matcher cmd = COMMAND.matcher(source);
            assertTrue(cmd.find(), ref + " has a picocli @Command name");
            assertEquals(alias.getKey(), cmd.group(1), ref + ": the command is named as its alias");

            assertTrue(alias.getKey().startsWith("smb-"), alias.getKey() + " is named like the others");
            assertFalse(((String) alias.getValue().getOrDefault("description", "")).isBlank(), alias.getKey() + " description");
            assertTrue(source.startsWith("///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\n"), ref + " runs by itself");
            assertTrue(source.contains("\n//DESCRIPTION "), ref + " //DESCRIPTION");
            assertTrue(source.contains("\n//SOURCES ../lib/smbkit/SmbKit.java\n"), ref + " includes the lib");
            assertFalse(source.contains("//DEPS"), ref + ": versions live in the lib's entry file only");
        }
    }

    /** No printed hint names a command no alias runs (list-sessions --local, close-sessions --client ...). */
    @Test
    void noSourceNamesAnOldCommandName() throws Exception {
        Pattern old = Pattern.compile("(?<![\\w-])(list-sessions|find-null-sessions|map-open-pipes|close-sessions|"
                + "remove-printer-shares|restrict-anonymous|read-capture)(?= (--|HOST|fileserver|[0-9]))");
        java.util.List<Path> files = new java.util.ArrayList<>();
        for (String dir : new String[] {"lib", "scripts"}) {
            try (var walk = Files.walk(Lab.REPO.resolve(dir))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
            }
        }
        files.add(Lab.REPO.resolve("README.md"));
        for (Path f : files) {
            Matcher m = old.matcher(Files.readString(f));
            assertFalse(m.find(), f + " names " + (m.hitEnd() ? "" : m.group()) + ", which no alias runs");
        }
    }

    @Test
    void everyAliasBuildsAndRunsThroughTheLauncher() throws Exception {
        for (Map.Entry<String, Map<String, Object>> alias : aliases().entrySet()) {
            Proc build = Proc.run(Lab.REPO, "./jbang", "build", (String) alias.getValue().get("script-ref"));
            assertEquals(0, build.exit(), alias.getKey() + " builds: " + build.err());
            // through JBang, even where an export of these sources would take the short path
            Proc version = Proc.run(Lab.REPO, Map.of("SMBKIT_JBANG_DIRECT", "no"), 600, List.of("./jbang", alias.getKey(), "--version"));
            assertEquals(0, version.exit(), version.err());
            assertTrue(version.out().startsWith("smbkit "), version.out());
        }
    }
}
