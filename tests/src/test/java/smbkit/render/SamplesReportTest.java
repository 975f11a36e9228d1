package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.NullSessionVerdict;
import smbkit.kb.Sample;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionLimit;
import smbkit.model.ServerInfo;
import smbkit.model.Session;

/**
 * smb-null-sessions --samples N --html: the timeline of the samples, one row per NULL session, temporary ones
 * ending and permanent ones staying past the KB's 90 s; at a file server's scale the top clients drawn and the
 * rest grouped, every session in a table the page filters; rendered in headless Chromium with no network, with
 * screenshots in tests/target/samples-report for a person to look at.
 */
class SamplesReportTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final ServerInfo WIN_10 = new ServerInfo("WS1", 500, 5, 1, ServerInfo.SV_TYPE_SERVER, "", 10L);

    static Session nul(String client, long active) {
        return new Session(client, "", 0L, active, active, 0L, null, null);
    }

    /** The KB's workstation sampled 6 times, 30 s apart: .3 holds two permanent sessions, .4 one that ends, .5 one just made. */
    static List<Sample> workstation() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long t = 30L * i;
            List<Session> s = new ArrayList<>(List.of(nul("10.0.0.3", 400 + t), nul("10.0.0.3", 380 + t),
                    new Session("10.0.0.2", "alice", 2L, 600 + t, 3L, 0L, null, null)));
            if (i >= 1 && i <= 2) {
                s.add(nul("10.0.0.4", 5 + t - 30));
            }
            if (i == 5) {
                s.add(nul("10.0.0.5", 10));
            }
            samples.add(new Sample(T0.plusSeconds(t), s));
        }
        return samples;
    }

    /** A file server: 500 sessions in each sample, 300 of them NULL from 150 clients, a third temporary. */
    static List<Sample> fileServer() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long t = 30L * i;
            List<Session> s = new ArrayList<>();
            for (int n = 0; n < 500; n++) {
                String client = "10.2." + (n % 150 / 100) + "." + (n % 150);
                if (n < 300) {
                    boolean temporary = n % 3 == 0;
                    if (temporary && i > 1) {
                        s.add(nul(client, t - 60 + n % 20)); // a newer temporary one in its place
                    } else {
                        s.add(nul(client, (temporary ? 20 : 500) + t + n % 20));
                    }
                } else {
                    s.add(new Session(client, "user" + n % 40, 1L, 900L + t, 5L, 0L, null, null));
                }
            }
            samples.add(new Sample(T0.plusSeconds(t), s));
        }
        return samples;
    }

    static final ServerInfo FILE_SERVER = new ServerInfo("FS1", 500, 10, 0, ServerInfo.SV_TYPE_SERVER, "", 600L);

    static String render(String host, List<Sample> samples) {
        List<NullClient> clients = NullSessionAnalysis.analyse(samples, List.of(), true);
        ServerInfo info = samples.get(0).sessions().size() > 100 ? FILE_SERVER : WIN_10;
        SessionCount count = SessionCount.of(samples.get(samples.size() - 1).sessions(), SessionLimit.of(info));
        NullSessionVerdict verdict = NullSessionVerdict.of(clients, count, host);
        return SamplesReport.render(host, samples, clients, count, verdict, null);
    }

    static int count(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void oneRowPerNullSessionTemporaryOnesEndPermanentOnesStay() {
        String html = render("10.0.0.1", workstation());
        assertEquals(2, count(html, "<g class=\"session permanent\" data-client=\"10.0.0.3\">"), html);
        assertEquals(1, count(html, "<g class=\"session gone\" data-client=\"10.0.0.4\">"), "the temporary one ended");
        assertTrue(html.contains("ended, gone by 10:01:30"), "last seen at 10:01:00, not in the sample after");
        assertEquals(1, count(html, "<g class=\"session young\" data-client=\"10.0.0.5\">"));
        assertFalse(html.contains("data-client=\"10.0.0.2\""), "alice's session is not a NULL one");
        assertEquals(6, count(html, "<line class=\"sample\""), "a line per sample");
        assertTrue(html.contains("<pre class=\"cmd\">smb-printer-shares 10.0.0.3</pre>"), "Method 2's command, ready to copy");
        assertTrue(html.contains("<pre class=\"cmd\">smb-restrict-anonymous 10.0.0.1 --set 1</pre>"));
        assertFalse(html.contains("id=\"grouped\""), "nothing grouped at this size");
        assertTrue(html.contains("@media print"), "a print style sheet");
    }

    @Test
    void aPermanentBarReachesTheLastSampleATemporaryOneStopsBefore() {
        String html = render("10.0.0.1", workstation());
        double lastSample = lastX(html, "<line class=\"sample\" x1=\"([0-9.]+)\"");
        Matcher perm = Pattern.compile("<g class=\"session permanent\"[^>]*>.*?<rect class=\"null permanent\" x=\"([0-9.]+)\"[^>]*width=\"([0-9.]+)\"").matcher(html);
        assertTrue(perm.find());
        assertEquals(lastSample, Double.parseDouble(perm.group(1)) + Double.parseDouble(perm.group(2)), 0.2);
        Matcher gone = Pattern.compile("<g class=\"session gone\"[^>]*>.*?<rect class=\"null gone\" x=\"([0-9.]+)\"[^>]*width=\"([0-9.]+)\"").matcher(html);
        assertTrue(gone.find());
        assertTrue(Double.parseDouble(gone.group(1)) + Double.parseDouble(gone.group(2)) < lastSample - 100, "ends well before");
    }

    private static double lastX(String html, String regex) {
        Matcher m = Pattern.compile(regex).matcher(html);
        double x = -1;
        while (m.find()) {
            x = Double.parseDouble(m.group(1));
        }
        return x;
    }

    @Test
    void fiveHundredSessionsDrawTheTopClientsAndGroupTheRest() {
        String html = render("10.2.0.1", fileServer());
        assertEquals(SamplesReport.TIMELINE_ROWS, count(html, "<g class=\"session "), "rows drawn, not 300+");
        Matcher m = Pattern.compile("id=\"grouped\" data-sessions=\"(\\d+)\"").matcher(html);
        assertTrue(m.find(), "the rest grouped in one line");
        int tableRows = count(html.substring(html.indexOf("<h2>Every NULL session</h2>")), "<tr>") - 1;
        assertEquals(tableRows, SamplesReport.TIMELINE_ROWS + Integer.parseInt(m.group(1)), "every session in the table");
        assertTrue(tableRows > 300, "temporary ones replaced by newer ones count too: " + tableRows);
        assertEquals(SamplesReport.VERDICT_CLIENTS, count(html, "<li class=\"finding evidence\">10\\.2\\."), "the verdict names a few clients");
        assertTrue(html.contains("id=\"more-clients\">and 92 more clients"), "and counts the rest");
        assertTrue(html.contains("Method 2 on 10.2.0.1, 10.2.0.2, 10.2.0.4, 10.2.0.5, 10.2.0.7, 10.2.0.8, 10.2.0.10, 10.2.0.11 and 92 more:"), html);
        assertTrue(html.contains("smb-printer-shares 10.2.0.1 10.2.0.2 ") && html.contains(" 10.2.1.149</pre>"), "the command names them all");
        assertTrue(html.contains("<g class=\"session permanent\" data-client=\"10.2.0.1\">"), "permanent ones drawn first");
    }

    @Test
    void htmlWithWatchIsAUsageErrorBeforeAnythingConnects() {
        smbkit.Scripts.Result r = smbkit.Scripts.run("FindNullSessions", "127.0.0.1:1", "--watch", "--html", "never.html");
        smbkit.Scripts.assertOneLine(r, "smb-null-sessions", 2, "--html goes with --samples");
        assertFalse(Files.exists(Path.of("never.html")));
    }

    @Test
    void rendersInChromiumTheTimelineDrawnFindingsPresentAndTheTableFilters() throws Exception {
        assumeTrue(Chromium.installed(), "chromium not installed");
        Path dir = Lab.REPO.resolve("tests/target/samples-report");
        Files.createDirectories(dir);
        Path small = dir.resolve("workstation.html");
        Files.writeString(small, render("10.0.0.1", workstation()));
        assertFalse(Files.readString(small).matches("(?s).*(src|href)=\"https?:.*"), "self-contained");
        String dom = Chromium.dom(small);
        assertTrue(dom.contains("data-timeline-bars=\"4\""), "four NULL sessions drawn: " + dom);
        assertTrue(dom.contains("Method 2 on 10.0.0.3"), "the findings");
        assertEquals(2, count(dom, "data-sortable=\"ready\""), "both tables sortable");

        Path big = dir.resolve("file-server.html");
        Files.writeString(big, render("10.2.0.1", fileServer()));
        String filtered = Chromium.domAfter(big, Chromium.filterScript(1, "10.2.0.7"));
        assertTrue(filtered.contains("data-timeline-bars=\"" + SamplesReport.TIMELINE_ROWS + "\""), "the top rows drawn");
        Matcher total = Pattern.compile("data-rows-total=\"(\\d+)\"").matcher(filtered);
        Matcher shown = Pattern.compile("data-rows-shown=\"(\\d+)\"").matcher(filtered);
        assertTrue(total.find() && shown.find(), filtered);
        // 10.2.0.7 and 10.2.0.70 to .79 (the filter matches text): the NULL sessions of those clients only
        long expected = SamplesReport.rows(NullSessionAnalysis.analyse(fileServer(), List.of(), true)).stream()
                .filter(r -> r.client().client().contains("10.2.0.7")).count();
        assertEquals(expected, Long.parseLong(shown.group(1)), "rows left after typing into the filter");
        assertTrue(Long.parseLong(total.group(1)) > 300);

        assertTrue(Chromium.screenshot(small, Path.of("/tmp/report-samples-workstation.png"), 1200, 1400) > 10_000);
        assertTrue(Chromium.screenshot(big, Path.of("/tmp/report-samples-500.png"), 1200, 2400) > 10_000);
    }
}
