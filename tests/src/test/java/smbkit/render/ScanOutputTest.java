package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.kb.HostDiagnosis;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Snapshot;
import smbkit.model.Snapshot.Refusal;

/**
 * A scan's --format json|csv lists every host, the unreachable ones included with their failure and exit code;
 * the host refused for being full (the KB's symptom) ranks first; a host not read is never "healthy".
 */
class ScanOutputTest {

    static final ServerInfo SAMBA_8 = new ServerInfo("S", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", 8L);

    static HostDiagnosis host(String name, int sessions, Map<String, Refusal> refused) {
        List<Session> list = refused.containsKey(Snapshot.SESSIONS) ? null
                : java.util.stream.IntStream.range(0, sessions).mapToObj(i -> new Session("10.9.0." + i, "u" + i, 0L, 5L, 0L, 0L, null, null)).toList();
        return HostDiagnosis.of(new Snapshot(name, Instant.parse("2026-11-25T10:00:00Z"), SAMBA_8, list, "level 1", List.of(), null, null,
                List.of(), null, refused));
    }

    static List<HostDiagnosis> scan() {
        return List.of(
                host("10.0.0.1", 1, new LinkedHashMap<>()),
                HostDiagnosis.unreachable("10.0.0.2", "10.0.0.2: connection refused", Failure.CONNECTION_REFUSED),
                host("10.0.0.3", 0, new LinkedHashMap<>(Map.of(Snapshot.SESSIONS, new Refusal(Failure.ACCESS_DENIED, "denied")))),
                HostDiagnosis.unreachable("10.0.0.4", "10.0.0.4: at its connection limit", Failure.SERVER_FULL),
                host("10.0.0.5", 6, new LinkedHashMap<>()));
    }

    @Test
    void jsonListsEveryHostWithItsFailureAndTheFullOneFirst() {
        List<Map<String, Object>> rows = DiagnosisView.findings(scan()).rows();
        assertEquals(List.of("10.0.0.4", "10.0.0.5", "10.0.0.1", "10.0.0.3", "10.0.0.2"),
                rows.stream().map(r -> (String) r.get("host")).distinct().toList());
        Map<String, Object> full = rows.get(0);
        assertEquals("at_limit", full.get("host_status"));
        assertEquals("host_at_limit", full.get("kind"));
        assertEquals("server_full", full.get("failure"));
        assertEquals(13L, full.get("exit_code"));
        Map<String, Object> down = rows.stream().filter(r -> "10.0.0.2".equals(r.get("host"))).findFirst().orElseThrow();
        assertEquals("unreachable", down.get("host_status"));
        assertEquals("connection_refused", down.get("failure"));
        assertEquals(11L, down.get("exit_code"));
        assertTrue(rows.stream().filter(r -> "10.0.0.3".equals(r.get("host"))).allMatch(r -> "incomplete".equals(r.get("host_status"))));
    }

    @Test
    void csvListsEveryHostToo() {
        String csv = Renderer.csv(DiagnosisView.findings(scan()));
        for (String h : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5")) {
            assertTrue(csv.contains(h), h + " in " + csv);
        }
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().startsWith("10.0.0.4,at_limit,"), csv);
    }

    @Test
    void hostsByLoadPutTheFullHostFirstAndNeverCallTheUnreadHealthy() {
        List<Map<String, Object>> rows = DiagnosisView.ranking(scan()).rows();
        assertEquals(List.of("10.0.0.4", "10.0.0.5", "10.0.0.1", "10.0.0.3", "10.0.0.2"), rows.stream().map(r -> r.get("host")).toList());
        assertTrue(((String) rows.get(0).get("status")).startsWith("at its limit"), rows.get(0).toString());
        assertTrue(((String) rows.get(3).get("status")).startsWith("incomplete"), rows.get(3).toString());
        assertEquals("healthy", rows.get(2).get("status"));
    }

    @Test
    void theHtmlReportListsEveryHostTheFullOneFirst() {
        String html = HtmlReport.render(scan());
        String findings = html.substring(html.indexOf("<ul id=\"findings\">"), html.indexOf("</ul>\n<h2>Charts"));
        assertTrue(findings.indexOf("10.0.0.4") < findings.indexOf("10.0.0.5"), findings);
        assertTrue(findings.contains("10.0.0.2") && findings.contains("connection refused"), findings);
    }
}
