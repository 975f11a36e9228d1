package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;

/**
 * {@code ./jbang ALIAS} runs the command exported from this checkout directly, with no JBang JVM before it, only
 * while the export's recorded sources are these; a stale export, a path, or SMBKIT_JBANG_DIRECT=no never takes the
 * short path. (An exported command stands in here: a script that says it ran.)
 */
class JbangShortPathTest {

    @TempDir
    Path home;

    Proc jbang(Map<String, String> env, String... args) {
        return Proc.run(Lab.REPO, env, 120, List.of(List.of("./jbang"), List.of(args)).stream().flatMap(List::stream).toList());
    }

    void export(String stamp) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path cmd = bin.resolve("smb-sessions");
        Files.writeString(cmd, "#!/bin/sh\necho \"exported smb-sessions $*\"\n");
        Files.setPosixFilePermissions(cmd, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("source-stamp"), stamp + "\n");
    }

    @Test
    void aCurrentExportRunsDirectly() throws Exception {
        Proc stamp = jbang(Map.of(), "--source-stamp");
        assertEquals(0, stamp.exit(), stamp.err());
        export(stamp.out().strip());
        Proc p = jbang(Map.of("SMBKIT_APP_HOME", home.toString()), "smb-sessions", "fileserver", "--format", "json");
        assertEquals(0, p.exit(), p.err());
        assertEquals("exported smb-sessions fileserver --format json", p.out().strip());
    }

    @Test
    void aStaleExportOrDirectNoGoesThroughJbang() throws Exception {
        Proc stamp = jbang(Map.of(), "--source-stamp");
        export(stamp.out().strip().replaceFirst(" \\d+ ", " 1 ")); // the sources have changed since
        Proc stale = jbang(Map.of("SMBKIT_APP_HOME", home.toString()), "smb-sessions", "--version");
        assertEquals(0, stale.exit(), stale.err());
        assertNotEquals("exported smb-sessions --version", stale.out().strip());
        export(stamp.out().strip());
        Proc no = jbang(Map.of("SMBKIT_APP_HOME", home.toString(), "SMBKIT_JBANG_DIRECT", "no"), "smb-sessions", "--version");
        assertEquals(0, no.exit(), no.err());
        assertNotEquals("exported smb-sessions --version", no.out().strip());
    }
}
