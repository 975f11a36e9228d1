package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.ClassLoads;

/**
 * No one-liner loads Tablesaw's {@code Table} on its start-up path (its static initializer scans the class
 * path, about half a second): smb-sessions in a fresh JVM against the lab with {@code -Xlog:class+load}. The
 * JSON and CSV paths load no Tablesaw class at all; the table path prints with Tablesaw's columns and printer
 * ({@link Columns}) and never {@code tech.tablesaw.api.Table}.
 */
@Tag("lab")
class StartupClassesLabTest {

    @TempDir
    Path tmp;

    List<String> loaded(String name, String... args) {
        return ClassLoads.ofListSessions(tmp.resolve(name + ".log"), args);
    }

    @Test
    void jsonAndCsvLoadNoTablesawClass() {
        for (String format : List.of("json", "csv")) {
            List<String> classes = loaded(format, "--format", format);
            assertTrue(classes.contains("smbkit.render.Renderer"), "the log is of the run: " + classes.size());
            assertEquals(List.of(), classes.stream().filter(c -> c.startsWith("tech.tablesaw.")).toList(), format);
        }
    }

    @Test
    void theTablePathPrintsWithoutTablesawsTable() {
        List<String> classes = loaded("table");
        assertFalse(classes.contains("tech.tablesaw.api.Table"), "Table's class-path scan is not on the one-liner's path");
        assertFalse(classes.stream().anyMatch(c -> c.startsWith("io.github.classgraph.")), "no class-path scan");
    }
}
