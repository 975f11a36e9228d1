package smbkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Failure;
import smbkit.SmbkitException;

/** The one file writer and reader: exclusive temporaries, 0600, never overwriting a backup, bounded reads. */
class SafeFilesTest {

    @TempDir
    Path tmp;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkPlantedAtThePartPathIsNeverWrittenThrough() throws Exception {
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Path target = tmp.resolve("backup.json");
        Files.createSymbolicLink(tmp.resolve("backup.json.part"), victim);
        Files.createSymbolicLink(tmp.resolve("report.html.part"), tmp.resolve("dangling"));

        Path written = SafeFiles.createNew(target, "{}\n");
        SafeFiles.replace(tmp.resolve("report.html"), "<html>");

        assertEquals(target.toAbsolutePath(), written);
        assertEquals("{}\n", Files.readString(target));
        assertEquals("precious", Files.readString(victim), "the planted link was not followed");
        assertTrue(Files.isSymbolicLink(tmp.resolve("backup.json.part")), "the link is left as it was");
        assertTrue(Files.notExists(tmp.resolve("dangling")), "a dangling link does not create its target");
        assertEquals("<html>", Files.readString(tmp.resolve("report.html")));
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().endsWith(".part") && !Files.isSymbolicLink(p)).count(),
                    "no temporary is left behind");
        }
    }

    @Test
    void whatIsWrittenIsForItsOwnerOnly() throws Exception {
        assertEquals("rw-------", mode(SafeFiles.createNew(tmp.resolve("a.reg"), "x")));
        assertEquals("rw-------", mode(SafeFiles.replace(tmp.resolve("b.json"), "x")));
        Path existing = Files.writeString(tmp.resolve("c.html"), "old");
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertEquals("rw-------", mode(SafeFiles.replace(existing, "new")));
    }

    @Test
    void aBackupIsNeverOverwrittenTwoInOneSecondKeepBoth() throws Exception {
        Path first = SafeFiles.createNew(tmp.resolve("printer-shares-h-20260101-000000.json"), "first");
        Path second = SafeFiles.createNew(tmp.resolve("printer-shares-h-20260101-000000.json"), "second");
        assertNotEquals(first, second);
        assertEquals("first", Files.readString(first));
        assertEquals("second", Files.readString(second));
        assertEquals("printer-shares-h-20260101-000000-2.json", second.getFileName().toString());
        // nor a link planted at the name: it is taken, so the backup goes beside it
        Path victim = Files.writeString(tmp.resolve("victim"), "precious");
        Files.createSymbolicLink(tmp.resolve("x.reg"), victim);
        Path third = SafeFiles.createNew(tmp.resolve("x.reg"), "backup");
        assertEquals("x-2.reg", third.getFileName().toString());
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void aPlaceThatCannotBeWrittenIsOneFileError() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "");
        SmbkitException e = assertThrows(SmbkitException.class, () -> SafeFiles.replace(file.resolve("report.html"), "x"));
        assertEquals(Failure.FILE_ERROR, e.failure());
        SmbkitException dir = assertThrows(SmbkitException.class, () -> SafeFiles.replace(tmp, "x"));
        assertEquals(Failure.FILE_ERROR, dir.failure());
    }

    @Test
    void theStateDirectoryIsPerUserAndPrivate() throws Exception {
        Path dir = SafeFiles.stateDir(Map.of("XDG_STATE_HOME", tmp.resolve("state").toString()));
        assertEquals(tmp.resolve("state/smbkit"), dir);
        assertEquals("rwx------", mode(dir));
        Path home = SafeFiles.stateDir(Map.of());
        assertEquals(Path.of(System.getProperty("user.home"), ".local", "state", "smbkit"), home);
        assertEquals("rwx------", mode(home));
    }

    @Test
    void aFifoADeviceOrAHugeFileIsRefusedNotWaitedForNorRead() throws Exception {
        Path fifo = tmp.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        SmbkitException f = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SmbkitException.class, () -> SafeFiles.read(fifo, 100, "file", null)));
        assertEquals(Failure.FILE_ERROR, f.failure());
        assertTrue(f.getMessage().contains("not a regular file"), f.getMessage());

        SmbkitException zero = assertThrows(SmbkitException.class, () -> SafeFiles.read(Path.of("/dev/zero"), 100, "file", null));
        assertEquals(Failure.FILE_ERROR, zero.failure());

        Path big = Files.write(tmp.resolve("big"), new byte[101]);
        SmbkitException large = assertThrows(SmbkitException.class, () -> SafeFiles.read(big, 100, "file", null));
        assertEquals(Failure.FILE_ERROR, large.failure());
        assertEquals(100, SafeFiles.read(Files.write(tmp.resolve("ok"), new byte[100]), 100, "file", null).length);
    }
}
