package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import smbkit.Scripts;

/** The progress bar of a long wait: on stderr when forced (as on a terminal), reaching done/total; never on stdout. */
class ProgressTest {

    @AfterEach
    void unforce() {
        System.clearProperty("smbkit.progress");
    }

    @Test
    void aForcedBarReachesDoneOverTotal() {
        System.setProperty("smbkit.progress", "always");
        StringWriter sw = new StringWriter();
        try (Progress p = Progress.start("Sampling", 4, "samples", new PrintWriter(sw, true))) {
            for (int i = 0; i < 4; i++) {
                p.step();
            }
        }
        assertTrue(sw.toString().contains("4/4"), sw.toString());
        assertTrue(sw.toString().contains("Sampling"), sw.toString());
    }

    @Test
    void failedStepsAreCountedBesideTheBar() {
        System.setProperty("smbkit.progress", "always");
        StringWriter sw = new StringWriter();
        try (Progress p = Progress.start("Diagnosing", 4, "hosts", new PrintWriter(sw, true))) {
            p.step(false);
            p.step(true);
            p.step(true);
            p.step(false);
        }
        assertTrue(sw.toString().contains("4/4"), sw.toString());
        assertTrue(sw.toString().contains("2 failed"), sw.toString());
        StringWriter none = new StringWriter();
        try (Progress p = Progress.start("Diagnosing", 2, "hosts", new PrintWriter(none, true))) {
            p.step(false);
            p.step(false);
        }
        assertTrue(none.toString().contains("0 failed"), "no failure is a count too: " + none);
    }

    @Test
    void aScanCountsTheHostsItCouldNotDiagnose() {
        System.setProperty("smbkit.progress", "always");
        Scripts.Result r = Scripts.run("SmbDiagnose", "127.0.0.1:1", "127.0.0.2:1", "127.0.0.3:1", "127.0.0.4:1", "-N",
                "--format", "json");
        assertTrue(r.err().contains("4/4"), r.err());
        assertTrue(r.err().contains("4 failed"), r.err());
    }

    @Test
    void noBarWhenNotOnATerminalOrSaidNever() {
        System.setProperty("smbkit.progress", "never");
        StringWriter sw = new StringWriter();
        try (Progress p = Progress.start("Sampling", 4, "samples", new PrintWriter(sw, true))) {
            p.step();
        }
        assertEquals("", sw.toString());
    }

    @Test
    void aMultiHostChangeShowsItsHostsDone() {
        System.setProperty("smbkit.progress", "always");
        Scripts.Result r = Scripts.run("RemovePrinterShares", "127.0.0.1:1", "127.0.0.2:1", "127.0.0.3:1", "-N",
                "--format", "json");
        assertEquals(11, r.exit(), r.err());
        assertTrue(r.err().contains("3/3"), r.err());
        assertTrue(r.err().contains("3 failed"), "the hosts that failed are counted: " + r.err());
        assertFalse(r.out().contains("3/3"), "the bar is not in the JSON");
        System.setProperty("smbkit.progress", "never");
        assertFalse(Scripts.run("RemovePrinterShares", "127.0.0.1:1", "127.0.0.2:1", "-N").err().contains("2/2"));
    }
}
