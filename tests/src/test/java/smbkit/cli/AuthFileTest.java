package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Scripts;

/** -A is read bounded: a FIFO does not hang, /dev/zero does not fill the heap; each one line with exit 21. */
class AuthFileTest {

    @TempDir
    Path tmp;

    @Test
    void aFifoDevZeroOrAHugeFileAsAuthenticationFileIsOneLineWithExit21() throws Exception {
        Path fifo = tmp.resolve("auth.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path huge = Files.write(tmp.resolve("huge.auth"), new byte[(int) AuthFile.MAX_BYTES + 1]);
        for (Path p : new Path[] {fifo, Path.of("/dev/zero"), huge}) {
            Scripts.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> Scripts.run("ListSessions", "127.0.0.1:1", "-A", p.toString()));
            assertEquals(21, r.exit(), p + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains("authentication file"), r.err());
        }
    }
}
