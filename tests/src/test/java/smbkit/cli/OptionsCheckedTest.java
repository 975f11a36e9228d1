package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import smbkit.Scripts;

/**
 * Options are checked before anything connects, in every script: a bad value or combination is a usage error
 * (exit 2) with nothing on stdout, and the server (here a socket that counts connections) is never reached.
 */
class OptionsCheckedTest {

    @TempDir
    static Path tmp;

    static ServerSocket server;
    static final AtomicInteger connections = new AtomicInteger();
    static String host;

    @BeforeAll
    static void aServerThatCounts() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        host = "127.0.0.1:" + server.getLocalPort();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    server.accept().close();
                    connections.incrementAndGet();
                }
            } catch (IOException closed) {
                // the tests are over
            }
        });
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void close() throws IOException {
        server.close();
    }

    static void usage(String script, String expected, String... args) {
        int before = connections.get();
        Scripts.Result r = Scripts.run(script, args);
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out(), "nothing printed before the check");
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertEquals(before, connections.get(), "nothing connected");
    }

    /** close-sessions refuses to run without a selection: give it one, so the check under test is the one that fails. */
    static String[] selecting(String script, String... args) {
        if (!script.equals("CloseSessions")) {
            return args;
        }
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = "--null-only";
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SmbDiagnose      | --parallel     | 0",
        "SmbDiagnose      | --parallel     | -3",
        "SmbDiagnose      | --host-timeout | 0",
        "SmbDiagnose      | --timeout      | 0",
        "ListSessions     | --timeout      | 0",
        "ListSessions     | --timeout      | -1",
        "ListSessions     | --timeout      | 99999999999",
        "MapOpenPipes     | --timeout      | x",
        "FindNullSessions | --samples      | 0",
        "FindNullSessions | --interval     | -1",
        "RestrictAnonymous | --set         | 7",
        "RestrictAnonymous | --set         | -1",
        "ListSessions     | --source-address | notanip",
        "CloseSessions    | --source-address | 127.0.0.999",
        "RemovePrinterShares | --source-address | localhost",
    })
    void aBadValueIsRefusedBeforeConnecting(String script, String option, String value) {
        usage(script, "Invalid value for option '" + option + "'", host, "-N", option, value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ListSessions | --client",
        "ListSessions | --user",
        "CloseSessions | --client",
        "CloseSessions | --user",
    })
    void anOverLongNameIsRefused(String script, String option) {
        usage(script, "Invalid value for option '" + option + "'", host, "-N", option, "a".repeat(70_000));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SmbDiagnose  | 127.0.999.1-3         | not an address range",
        "SmbDiagnose  | 10.0.0.1-99999999999  | not an address range",
        "SmbDiagnose  | 10.0.0.0/99999999999  | not an address range",
        "SmbDiagnose  | 99999999999.0.0.0/24  | not an address range",
        "SmbDiagnose  | 10.0.0.0/8            | larger than 4096",
        "RemovePrinterShares | 10.0.0.1-300   | not an address range",
        "ListSessions | 127.0.999.1           | is not a host",
        "ListSessions | 12345                 | is not a host",
        "ListSessions | 127.0.0.1:99999999999 | is not a host",
        "ListSessions | [::1                  | is not a host",
        "ListSessions | [nothex]:445          | is not a host",
        "ListSessions | :::zz                 | is not a host",
        "ListSessions | @args.txt             | is not a host",
    })
    void aHostThatIsNoHostIsRefusedWithoutALookup(String script, String spec, String expected) {
        usage(script, expected, spec, "-N");
    }

    @ParameterizedTest
    @CsvSource({"ListSessions", "SmbDiagnose", "RemovePrinterShares", "RestrictAnonymous", "FindNullSessions",
            "MapOpenPipes", "CloseSessions"})
    void anEmptyHostIsNotLocalMode(String script) {
        usage(script, "an empty HOST", selecting(script, "", "-N"));
    }

    @ParameterizedTest
    @CsvSource({"ListSessions", "SmbDiagnose", "RemovePrinterShares", "RestrictAnonymous", "FindNullSessions",
            "MapOpenPipes", "CloseSessions"})
    void aHostWithLocalIsRefused(String script) {
        usage(script, "--local and a HOST do not go together", selecting(script, host, "--local", "-N"));
    }

    @ParameterizedTest
    @CsvSource({"SmbDiagnose", "RemovePrinterShares"})
    void anEmptyHostsFileIsNotLocalMode(String script) throws IOException {
        Path empty = Files.writeString(tmp.resolve(script + ".hosts"), "# nothing here\n\n");
        usage(script, "names no host", "--hosts-file", empty.toString(), "-N");
    }

    /** A hosts file that never ends (a FIFO nobody writes, /dev/zero) is one line, not a hang or OutOfMemoryError. */
    @ParameterizedTest
    @CsvSource({"SmbDiagnose", "RemovePrinterShares"})
    void aHostsFileThatIsNoFileIsAFileError(String script) throws Exception {
        Path fifo = tmp.resolve(script + ".fifo");
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        for (String file : List.of(fifo.toString(), "/dev/zero")) {
            Scripts.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                    () -> Scripts.run(script, "--hosts-file", file, "-N"));
            org.junit.jupiter.api.Assertions.assertEquals(21, r.exit(), r.err());
            assertTrue(r.err().contains("not a regular file"), r.err());
        }
    }

    /** picocli's @FILE expansion is off: a file cannot slip --apply (or anything) onto the command line. */
    @ParameterizedTest
    @CsvSource({"RestrictAnonymous", "CloseSessions", "RemovePrinterShares"})
    void atFilesAreNotExpanded(String script) throws IOException {
        Path args = Files.writeString(tmp.resolve(script + ".args"), host + "\n--set\n2\n--null-only\n--apply\n");
        usage(script, "'@" + args + "' is not a host", "@" + args, "-N");
    }

    @ParameterizedTest
    @CsvSource({"ListSessions", "SmbDiagnose", "CloseSessions"})
    void aPasswordTypedWhereTheHostGoesIsNotEchoed(String script) {
        usage(script, "'labadmin%****' is not a host", selecting(script, "labadmin%s3cret"));
        Scripts.Result r = Scripts.run(script, selecting(script, "labadmin%s3cret"));
        assertFalse(r.err().contains("s3cret"), r.err());
        assertTrue(r.err().contains("after -U"), r.err());
    }
}
