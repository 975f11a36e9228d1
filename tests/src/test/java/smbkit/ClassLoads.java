package smbkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The classes a fresh smb-sessions loads against the lab, from {@code -Xlog:class+load}: what a one-liner costs. */
public final class ClassLoads {

    private ClassLoads() {}

    /** Runs ListSessions as the lab's administrator with {@code args}, logging to {@code log}; exit 0 expected. */
    public static List<String> ofListSessions(Path log, String... args) {
        Lab.up();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), "ListSessions", Lab.HOST,
                "-A", Lab.ADMIN_AUTH.toString(), "--source-address", "127.0.0.70"));
        cmd.addAll(List.of(args));
        Proc p = Proc.run(Lab.REPO, Map.of(), 120, cmd);
        assertEquals(0, p.exit(), p.err());
        try {
            // "[0.123s][info][class,load] tech.tablesaw.api.Table source: ..." -> the class name
            return Files.readAllLines(log).stream().filter(l -> l.contains("[class,load] "))
                    .map(l -> l.substring(l.indexOf("[class,load] ") + 13).split(" ")[0]).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
