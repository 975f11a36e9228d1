package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import smbkit.Failure;
import smbkit.Scripts;

/**
 * The workgroup as a source of hosts (issue 16): {@code -W/--domain} is the user's domain and {@code --workgroup}
 * no longer is; {@code --workgroup NAME [--master|--wins]} and {@code --sweep RANGE} are checked before anything
 * is asked, and a workgroup nobody answers for is smb-workgroup's one line and exit code, in both steps.
 */
class WorkgroupHostsTest {

    @Test
    void dashWIsTheDomainAndWorkgroupIsNot() {
        TargetOptions t = new TargetOptions();
        new CommandLine(t).parseArgs("-W", "CORP");
        assertEquals("CORP", t.domain);
        t = new TargetOptions();
        new CommandLine(t).parseArgs("--domain", "CORP2");
        assertEquals("CORP2", t.domain);
        assertThrows(CommandLine.UnmatchedArgumentException.class, () -> new CommandLine(new TargetOptions()).parseArgs("--workgroup", "CORP"));
        HostListOptions h = new HostListOptions();
        new CommandLine(h).parseArgs("--workgroup", "OFFICE", "--master", "10.0.0.2");
        assertEquals("OFFICE", h.workgroup);
        assertTrue(h.fromWorkgroup() && h.givenBeyondArguments());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SmbDiagnose", "RemovePrinterShares"})
    void badCombinationsAreUsageErrors(String script) {
        usage(script, "--master goes with --workgroup", "--master", "127.0.0.1");
        usage(script, "--wins goes with --workgroup", "--wins", "127.0.0.1");
        usage(script, "takes no --master or --wins", "--workgroup", "WG", "--sweep", "127.0.0.1-3", "--master", "127.0.0.1");
        usage(script, "larger than", "--sweep", "10.0.0.0/16");
        usage(script, "is not an address range", "--sweep", "10.0.0.9-3");
    }

    static void usage(String script, String expected, String... args) {
        Scripts.Result r = Scripts.run(script, args);
        assertEquals(Failure.USAGE.exitCode(), r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SmbDiagnose", "RemovePrinterShares"})
    void aWorkgroupNobodyAnswersForIsOneLine(String script) throws Exception {
        int silent;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort(); // bound, never read: nothing answers
            Scripts.assertOneLine(Scripts.run(script, "--workgroup", "NOWG", "--master", "127.0.0.1", "--name-port",
                    String.valueOf(silent), "--name-timeout", "200", "-N"), script.equals("SmbDiagnose") ? "smb-diagnose" : "smb-printer-shares", Failure.NETBIOS_SILENT.exitCode(),
                    "did not answer a NetBIOS name query");
        }
    }
}
