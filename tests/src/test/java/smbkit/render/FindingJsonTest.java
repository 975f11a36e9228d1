package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.kb.Platforms;
import smbkit.kb.SessionLimit;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Snapshot;

/**
 * A finding is data and render says it: smb-diagnose's JSON keeps {@code finding} (the title) and
 * {@code evidence} (the lines) and adds {@code headline}, {@code facts} and {@code evidence_facts} (each row's
 * {@code line} and fields), snake_case, enums by their labels; the words come from the facts alone.
 */
class FindingJsonTest {

    static final ServerInfo SAMBA_8 = new ServerInfo("S", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", 8L);

    static HostDiagnosis kbScenario() {
        List<Session> sessions = List.of(new Session("10.9.0.7", "", 0L, 600L, 600L, 0L, null, null),
                new Session("10.9.0.7", "", 0L, 700L, 700L, 0L, null, null),
                new Session("10.9.0.2", "alice", 1L, 30L, 0L, 0L, null, null));
        return HostDiagnosis.of(new Snapshot("fs", Instant.parse("2026-11-25T10:00:00Z"), SAMBA_8, sessions, "level 1", List.of(),
                null, null, List.of(), null, new LinkedHashMap<>()));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> json() throws Exception {
        return (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(Renderer.json(DiagnosisView.findings(List.of(kbScenario())).rows()));
    }

    static Map<String, Object> kind(List<Map<String, Object>> rows, String kind) {
        return rows.stream().filter(r -> kind.equals(r.get("kind"))).findFirst().orElseThrow(() -> new AssertionError(kind + ": " + rows));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonCarriesTheFactsBesideTheWords() throws Exception {
        List<Map<String, Object>> rows = json();
        Map<String, Object> symptom = kind(rows, "sessions");
        assertEquals("sessions_below_limit", symptom.get("headline"));
        assertEquals(Map.of("sessions", 3, "limit", 8), symptom.get("facts"));
        List<Map<String, Object>> ev = (List<Map<String, Object>>) symptom.get("evidence_facts");
        assertEquals(List.of("limit", "sessions", "server"), ev.stream().map(e -> e.get("line")).toList());
        assertEquals("samba_max_processes", ev.get(0).get("basis"));
        assertEquals("samba", ev.get(2).get("os"));
        assertEquals(((List<?>) symptom.get("evidence")).size(), ev.size(), "one row of facts per line of evidence");

        Map<String, Object> nulls = kind(rows, "permanent_null_sessions");
        Map<String, Object> facts = (Map<String, Object>) nulls.get("facts");
        assertEquals(2, facts.get("permanent"));
        assertEquals(List.of("10.9.0.7"), facts.get("clients"));
        Map<String, Object> client = ((List<Map<String, Object>>) nulls.get("evidence_facts")).get(0);
        assertEquals("null_client", client.get("line"));
        assertEquals("10.9.0.7", client.get("client"));
        assertEquals(2, client.get("present"));

        Map<String, Object> method2 = kind(rows, "method_2");
        assertEquals(List.of("10.9.0.7"), ((Map<String, Object>) method2.get("facts")).get("clients"));
        assertTrue(((String) method2.get("command")).contains("10.9.0.7"), "the command line is data and stays");
        assertEquals("Method 2 on 10.9.0.7: remove their printer shares", method2.get("finding"));
    }

    @Test
    void theWordsAreMadeFromTheFactsAlone() {
        for (Finding f : kbScenario().findings()) {
            Finding copy = new Finding(f.severity(), f.area(), f.headline(), new LinkedHashMap<>(f.facts()), f.evidence().stream()
                    .map(e -> new Finding.Evidence(e.line(), new LinkedHashMap<>(e.facts()))).toList(), f.command(), f.part(), f.failure());
            assertEquals(FindingText.title(f), FindingText.title(copy));
            assertEquals(FindingText.evidence(f), FindingText.evidence(copy));
        }
        List<String> titles = kbScenario().findings().stream().map(FindingText::title).toList();
        assertEquals(List.of("3 of 8 sessions",
                "2 permanent NULL session(s) hold slots from 10.9.0.7",
                "1 client(s) hold more than one session, each one a slot (net session shows one line)",
                "Method 1 on fs: restrict NULL sessions",
                "Method 2 on 10.9.0.7: remove their printer shares",
                "Last resort: close the NULL sessions now (they hold no user's files; the clients' other sessions stay)"), titles);
        assertEquals(List.of("10.9.0.7: 2 NULL session(s), 2 permanent, active up to 700 s"),
                FindingText.evidence(kbScenario().findings().get(1)));
        assertEquals(List.of("10.9.0.7: 2 sessions ((null), (null))"), FindingText.evidence(kbScenario().findings().get(2)));
    }

    @Test
    void theLimit_sBasisAndThePlatformAreDataWithTheirWordsHere() {
        ServerInfo xp = new ServerInfo("XP", 500, 5, 1, ServerInfo.SV_TYPE_WORKSTATION | ServerInfo.SV_TYPE_NT, "", null);
        SessionLimit limit = SessionLimit.of(xp);
        assertEquals(10, limit.limit());
        assertEquals(SessionLimit.Basis.KB_FIGURE, limit.basis());
        assertEquals(Platforms.Os.WINDOWS_XP, Platforms.os(xp));
        assertEquals("KB 328459 figure for Windows XP", FindingText.basis(limit));
        ServerInfo nt = new ServerInfo("NT", 500, 4, 0, ServerInfo.SV_TYPE_SERVER_NT, "", null);
        assertEquals("Windows NT 4.0 Server", FindingText.platform(nt));
        assertEquals("no fixed limit for Windows NT 4.0 Server", FindingText.basis(SessionLimit.of(nt)));
        assertEquals("Samba (reports Windows 6.1)", FindingText.platform(SAMBA_8));
        assertEquals("3 of 8", FindingText.load(SessionLimit.of(SAMBA_8), 3));
    }
}
