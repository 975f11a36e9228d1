package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.Proc;
import smbkit.kb.HostDiagnosis;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Snapshot;

/**
 * The HTML report at a file server's scale (500 sessions from 120 clients) and for a workgroup: hosts ranked
 * with a bar against their limit and a link to their section, the top clients and "others" instead of 500
 * bars, long tables sortable and filterable, commands ready to copy; rendered in headless Chromium with no
 * network, and a screenshot left in tests/target for a person to look at.
 */
class HtmlReportTest {

    static final ServerInfo WIN_10 = new ServerInfo("FS1", 500, 10, 0, ServerInfo.SV_TYPE_SERVER, "", 600L);
    static final ServerInfo SAMBA_8 = new ServerInfo("S", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", 8L);

    static HostDiagnosis fileServer() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int client = i % 120;
            boolean anon = i % 7 == 0;
            sessions.add(new Session("10.1." + (client / 100) + "." + client, anon ? "" : "user" + (i % 40), 1L, 100L + i, 5L, 0L, null, null));
        }
        return HostDiagnosis.of(new Snapshot("10.1.0.1", Instant.parse("2026-11-25T10:00:00Z"), WIN_10, sessions, "level 502",
                List.of(), null, null, List.of(), null, new LinkedHashMap<>()));
    }

    static HostDiagnosis workstation(String host, int sessions) {
        List<Session> list = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            list.add(new Session("127.0.0." + (3 + i % 3), "", 0L, 400L, 400L, 1L, null, null));
        }
        return HostDiagnosis.of(new Snapshot(host, Instant.parse("2026-11-25T10:00:00Z"), SAMBA_8, list, "level 1",
                List.of(), null, null, List.of(), null, new LinkedHashMap<>()));
    }

    static List<HostDiagnosis> workgroup() {
        return List.of(workstation("10.0.0.2", 2), fileServer(), workstation("10.0.0.3", 7),
                HostDiagnosis.unreachable("10.0.0.9", "10.0.0.9: connection refused", Failure.CONNECTION_REFUSED));
    }

    @Test
    void hostsRankedByHowCloseToTheirLimitEachWithABarAndALink() {
        String html = HtmlReport.render(workgroup());
        String ranking = html.substring(html.indexOf("<table id=\"ranking\">"), html.indexOf("</table>", html.indexOf("id=\"ranking\"")));
        List<String> order = new ArrayList<>();
        Matcher m = Pattern.compile("<a href=\"#host-(\\d+)\">([^<]+)</a>").matcher(ranking);
        while (m.find()) {
            order.add(m.group(2));
            assertTrue(html.contains("<section class=\"host\" id=\"host-" + m.group(1) + "\"><h2>" + m.group(2) + "</h2>"), m.group(2));
        }
        assertEquals(List.of("10.0.0.3", "10.1.0.1", "10.0.0.2", "10.0.0.9"), order, "7/8, 500/600, 2/8, then the unreachable one");
        assertTrue(ranking.contains("style=\"width:88%\""), "7 of 8 as a bar: " + ranking);
    }

    @Test
    void fiveHundredSessionsGiveTheTopClientsAndOthersNotFiveHundredBars() {
        String html = HtmlReport.render(List.of(fileServer()));
        Matcher m = Pattern.compile("\"clients\" : \\{\\s*\"labels\" : \\[([^\\]]*)\\]").matcher(html);
        assertTrue(m.find(), "chart data");
        String[] labels = m.group(1).split(",");
        assertEquals(HtmlReport.TOP_CLIENTS, labels.length, m.group(1));
        assertTrue(html.contains("\"others\" : \"the other 108 clients hold 440 (64 NULL/guest)\""), "the rest in the title, not one huge bar");
        assertTrue(html.contains("<table class=\"sortable\">"), "the long table sorts and filters");
        assertTrue(html.contains("\"anonymous\" : 72"), "NULL sessions counted: 500/7 rounded up");
        String findings = html.substring(html.indexOf("<ul id=\"findings\">"), html.indexOf("<h2>Charts</h2>"));
        assertTrue(findings.contains("from 10.1.0.0, 10.1.0.3, 10.1.0.4, 10.1.0.5, 10.1.0.6, 10.1.0.7, 10.1.0.10, 10.1.0.11 and 64 more"),
                "72 clients named by their first 8: " + findings);
        assertTrue(findings.contains("and 64 more like these"), "72 evidence lines cut to 8 and a count");
        assertTrue(findings.split("<li class=\"evidence\">", -1).length - 1 < 30, "not hundreds of lines");
    }

    @Test
    void aScanWithNoSessionReadStillRenders() {
        String html = HtmlReport.render(List.of(HostDiagnosis.unreachable("10.0.0.9", "10.0.0.9: connection refused", Failure.CONNECTION_REFUSED)));
        assertTrue(html.contains("\"labels\" : [ ]"), "no client to chart");
    }

    @Test
    void fiveHundredSessionsFilterInThePageAsYouType() throws Exception {
        assumeTrue(Chromium.installed(), "chromium not installed");
        Path dir = Lab.REPO.resolve("tests/target/html-report");
        Files.createDirectories(dir);
        Path html = dir.resolve("file-server.html");
        Files.writeString(html, HtmlReport.render(List.of(fileServer())));
        String dom = Chromium.domAfter(html, Chromium.filterScript(0, "10.1.0.7"));
        // the sessions table: 10.1.0.7 and 10.1.0.70 to .79, each client i % 120 of the 500
        long expected = java.util.stream.IntStream.range(0, 500).mapToObj(i -> "10.1." + (i % 120 / 100) + "." + (i % 120))
                .filter(c -> c.contains("10.1.0.7")).count();
        assertTrue(dom.contains("data-rows-total=\"500\""), "500 rows in the page: " + dom.length());
        assertTrue(dom.contains("data-rows-shown=\"" + expected + "\""), "rows left after typing: " + expected);
        Path png = Path.of("/tmp/report-diagnose-500.png");
        assertTrue(Chromium.screenshot(html, png, 1200, 1600) > 10_000);
    }

    @Test
    void rendersInHeadlessChromiumWithNoNetwork() throws Exception {
        assumeTrue(Proc.run(Lab.REPO, "sh", "-c", "command -v chromium").exit() == 0, "chromium not installed");
        Path dir = Lab.REPO.resolve("tests/target/html-report");
        Files.createDirectories(dir);
        Path html = dir.resolve("workgroup.html");
        Files.writeString(html, HtmlReport.render(workgroup()));
        assertFalse(Files.readString(html).contains("src=\"http"), "self-contained");
        List<String> chromium = List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000");
        List<String> dump = new ArrayList<>(chromium);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Proc dom = Proc.run(dir, java.util.Map.of(), 120, dump);
        assertTrue(dom.out().contains("data-charts-rendered=\"3\""), "three charts drawn: " + dom.err());
        assertEquals(6, dom.out().split("data-sortable=\"ready\"", -1).length - 1, "each reached host's sessions and shares tables made sortable");
        List<String> shot = new ArrayList<>(chromium);
        shot.addAll(List.of("--window-size=1200,1600", "--screenshot=" + dir.resolve("workgroup.png"), html.toUri().toString()));
        Proc p = Proc.run(dir, java.util.Map.of(), 120, shot);
        assertTrue(Files.size(dir.resolve("workgroup.png")) > 10_000, "a screenshot: " + p.err());
    }
}
