package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Proc;
import smbkit.Scripts;

/** smb-capture --live without a server: its usage, a machine without dumpcap or tcpdump, a bad interface. */
class LiveCaptureTest {

    @TempDir
    Path dir;

    @Test
    void neitherToolInstalledIsOneLineAndExit18() {
        Proc p = Scripts.spawn(Map.of("PATH", dir.toString(), "XDG_STATE_HOME", dir.resolve("state").toString()),
                "ReadCapture", "--live", "lo", "--seconds", "1");
        assertEquals(18, p.exit(), p.err());
        assertTrue(p.err().contains("neither dumpcap nor tcpdump is installed"), p.err());
        assertEquals(1, p.err().strip().lines().count(), "one line: " + p.err());
        assertFalse(p.err().contains("Exception"), p.err());
    }

    @Test
    void aMissingInterfaceIsExit17AndLeavesNoFile() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(LiveCapture.find(System.getenv("PATH")) != null, "no dumpcap or tcpdump");
        Path state = dir.resolve("state");
        Proc p = Scripts.spawn(Map.of("XDG_STATE_HOME", state.toString()), "ReadCapture", "--live", "nosuchif0", "--seconds", "2");
        assertEquals(17, p.exit(), p.err());
        assertTrue(p.err().contains("no such interface"), p.err());
        assertFalse(p.err().contains("Exception"), p.err());
        try (var files = Files.list(state.resolve("smbkit/captures"))) {
            assertEquals(0, files.count(), "the temporary capture is removed");
        }
    }

    @Test
    void theOptionsGoTogetherOrAreAUsageError() throws Exception {
        Path f = dir.resolve("x.pcap");
        Files.write(f, Synthetic.kbScenario(Synthetic.Variant.PCAP_US));
        assertEquals(2, Scripts.run("ReadCapture").exit(), "neither files nor --live");
        assertEquals(2, Scripts.run("ReadCapture", f.toString(), "--live", "lo").exit(), "both");
        assertEquals(2, Scripts.run("ReadCapture", f.toString(), "--seconds", "5").exit(), "--seconds without --live");
        assertEquals(2, Scripts.run("ReadCapture", "--live", "lo", "--seconds", "0").exit());
        assertEquals(2, Scripts.run("ReadCapture", f.toString(), "--port", "70000").exit());
    }

    @Test
    void theFilterTakesTheSmbPortsAndLaterFragments() {
        assertEquals("tcp port 139 or tcp port 445 or tcp port 4450 or (ip[6:2] & 0x1fff) != 0",
                LiveCapture.filter(java.util.Set.of(4450)));
    }

    @Test
    void anotherPortIsReadAsSmbWhenAsked() throws Exception {
        // the KB scenario's server moved to port 4450: nothing without --port, the scenario with it
        byte[] kb = Synthetic.kbScenario(Synthetic.Variant.PCAP_US);
        byte[] moved = kb.clone();
        for (int i = 0; i + 1 < moved.length; i++) {
            if ((moved[i] & 0xff) == 0x01 && (moved[i + 1] & 0xff) == 0xbd) { // 445 in network order, in the TCP ports
                moved[i] = 0x11;
                moved[i + 1] = 0x62; // 4450
            }
        }
        Path f = dir.resolve("moved.pcap");
        Files.write(f, moved);
        Scripts.Result without = Scripts.run("ReadCapture", f.toString(), "--format", "json");
        assertTrue(SyntheticCapturesTest.list(SyntheticCapturesTest.json(without), "sessions").isEmpty(), without.out());
        Scripts.Result with = Scripts.run("ReadCapture", f.toString(), "--format", "json", "--port", "4450");
        assertEquals(1, with.exit(), with.err());
        assertEquals(4450, ((Number) SyntheticCapturesTest.list(SyntheticCapturesTest.json(with), "sessions").get(0)
                .get("server_port")).intValue());
    }
}
