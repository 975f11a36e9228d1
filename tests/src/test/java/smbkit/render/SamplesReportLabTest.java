package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.Scripts;
import smbkit.lab.SessionHolder;

/**
 * smb-null-sessions --samples --html against the real Samba: a spooler's two NULL sessions, still there at
 * the last sample, drawn to it; the verdict present; rendered in headless Chromium, with a screenshot in /tmp
 * for a person to look at. (Temporary sessions ending are SamplesReportTest's, on samples made to order.)
 */
@Tag("lab")
class SamplesReportLabTest {

    static final String TOOL = "127.0.0.60";
    static final String SPOOLER = "127.0.0.61";

    @Test
    void theSpoolersNullSessionsAreDrawnToTheLastSample() throws Exception {
        Lab.up();
        List<SessionHolder> held = List.of(Lab.nullSession(SPOOLER), Lab.nullSession(SPOOLER));
        Path dir = Lab.REPO.resolve("tests/target/samples-report-lab");
        Files.createDirectories(dir);
        Path html = dir.resolve("lab.html");
        try {
            Scripts.Result r = Scripts.run("FindNullSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--source-address", TOOL,
                    "--samples", "3", "--interval", "2", "--html", html.toString());
            assertEquals(0, r.exit(), r.err()); // young, not yet permanent: no action yet
        } finally {
            for (SessionHolder h : held) {
                h.close();
            }
        }
        String page = Files.readString(html);
        assertEquals(2, SamplesReportTest.count(page, "<g class=\"session young\" data-client=\"" + SPOOLER + "\">"), page);
        assertEquals(0, SamplesReportTest.count(page, "<g class=\"session gone\""), "none ended (StepsTest: stamped when answered)");
        assertEquals(3, SamplesReportTest.count(page, "<line class=\"sample\""));
        assumeTrue(Chromium.installed(), "chromium not installed");
        String dom = Chromium.dom(html);
        assertTrue(Integer.parseInt(dom.replaceAll("(?s).*data-timeline-bars=\"(\\d+)\".*", "$1")) >= 2, "drawn: " + dom);
        assertTrue(dom.contains("NULL sessions hold"), "the verdict");
        assertTrue(Chromium.screenshot(html, Path.of("/tmp/report-samples-lab.png"), 1200, 1100) > 10_000);
    }
}
