package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import smbkit.Lab;

/**
 * The lib's entry file lists every lib file in //SOURCES (JBang would silently leave one out) and holds
 * the only dependency versions; tests/pom.xml mirrors them.
 */
class LibSourcesTest {

    static final Path ENTRY = Lab.REPO.resolve("lib/smbkit/SmbKit.java");

    @Test
    void theEntryFileListsEveryLibFileOneByOne() throws IOException {
        Path lib = ENTRY.getParent();
        List<String> files;
        try (Stream<Path> walk = Files.walk(lib)) {
            files = walk.filter(p -> p.toString().endsWith(".java") && !p.equals(ENTRY))
                    .map(p -> lib.relativize(p).toString()).sorted().toList();
        }
        List<String> listed = Files.readAllLines(ENTRY).stream().filter(l -> l.startsWith("//SOURCES "))
                .map(l -> l.substring("//SOURCES ".length()).strip()).sorted().toList();
        assertEquals(files, listed);
    }

    @Test
    void thePomUsesTheVersionsOfTheEntryFile() throws IOException {
        Map<String, String> deps = new TreeMap<>();
        for (String line : Files.readAllLines(ENTRY)) {
            if (line.startsWith("//DEPS ")) {
                String[] gav = line.substring("//DEPS ".length()).strip().split(":");
                deps.put(gav[0] + ":" + gav[1], gav[2]);
            }
        }
        String pom = Files.readString(Lab.REPO.resolve("tests/pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher p = Pattern.compile("<([\\w.-]+)\\.version>([^<]+)</").matcher(pom);
        while (p.find()) {
            properties.put(p.group(1), p.group(2));
        }
        Map<String, String> inPom = new TreeMap<>();
        Matcher d = Pattern.compile("<groupId>([^<]+)</groupId><artifactId>([^<]+)</artifactId><version>\\$\\{([\\w.-]+)\\.version}")
                .matcher(pom);
        while (d.find()) {
            if (!d.group(1).startsWith("org.junit")) {
                inPom.put(d.group(1) + ":" + d.group(2), properties.get(d.group(3)));
            }
        }
        assertEquals(deps, inPom);
    }
}
