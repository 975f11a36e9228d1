package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * The whole diagnosis on the KB's scenario (a server at 7 of its 8 session slots, permanent NULL sessions
 * from three clients): the findings name the right clients and methods, a saved snapshot gives the same
 * findings offline, a workgroup scan survives a host that is down, and the HTML report renders in Chromium.
 */
@Tag("lab")
class DiagnoseLabTest {

    static final List<String> NULL_CLIENTS = List.of("127.0.0.3", "127.0.0.4", "127.0.0.5");

    @TempDir
    Path tmp;

    @BeforeAll
    static void scenario() {
        Lab.kbScenario();
    }

    static Scripts.Result diagnose(String... more) {
        List<String> args = new ArrayList<>(List.of("-A", Lab.ADMIN_AUTH.toString()));
        args.addAll(List.of(more));
        return Scripts.run("SmbDiagnose", args.toArray(String[]::new));
    }

    static List<String> titles(List<Map<String, Object>> findings) {
        return findings.stream().map(f -> f.get("severity") + " " + f.get("area") + ": " + f.get("finding")).toList();
    }

    @Test
    void theFindingsNameTheRightClientsAndMethods() {
        Scripts.Result r = diagnose(Lab.KB, "--format", "json");
        assertEquals(1, r.exit(), "findings call for action: " + r.err());
        List<Map<String, Object>> f = r.rows();

        Map<String, Object> symptom = f.stream().filter(x -> "symptom".equals(x.get("area"))).findFirst().orElseThrow();
        assertTrue(((String) symptom.get("finding")).matches("\\d of 8 sessions: (close to|at) the limit.*"), symptom.toString());

        Map<String, Object> cause = f.stream().filter(x -> "cause".equals(x.get("area")) && "action".equals(x.get("severity")))
                .findFirst().orElseThrow();
        for (String c : NULL_CLIENTS) {
            assertTrue(((String) cause.get("finding")).contains(c), cause.toString());
        }
        Map<String, Object> method1 = f.stream().filter(x -> ((String) x.get("finding")).startsWith("Method 1")).findFirst().orElseThrow();
        assertEquals("smb-restrict-anonymous " + Lab.KB + " --set 2 --apply", method1.get("command"));
        Map<String, Object> method2 = f.stream().filter(x -> ((String) x.get("finding")).startsWith("Method 2")).findFirst().orElseThrow();
        String command = (String) method2.get("command");
        assertTrue(command.startsWith("smb-printer-shares ") && command.endsWith(" --apply"), command);
        NULL_CLIENTS.forEach(c -> assertTrue(command.contains(c), command));
        assertTrue(f.stream().anyMatch(x -> ((String) x.get("finding")).contains("more than one session")), titles(f).toString());
    }

    @Test
    void saveThenFromGivesTheSameFindings() throws Exception {
        Path snapshot = tmp.resolve("kb.json");
        List<Map<String, Object>> live = diagnose(Lab.KB, "--format", "json", "--save", snapshot.toString()).rows();
        List<Map<String, Object>> offline = Scripts.run("SmbDiagnose", "--from", snapshot.toString(), "--format", "json").rows();
        assertEquals(titles(live), titles(offline));
        assertEquals(live.stream().map(x -> x.get("command")).toList(), offline.stream().map(x -> x.get("command")).toList());
    }

    @Test
    void aStepsJsonIsAcceptedAsInput() throws Exception {
        Path sessions = tmp.resolve("sessions.json");
        Files.writeString(sessions, Scripts.run("ListSessions", Lab.KB, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json").ok().out());
        Scripts.Result r = Scripts.run("SmbDiagnose", "--from", sessions.toString(), "--format", "json");
        assertEquals(1, r.exit(), r.err());
        String text = titles(r.rows()).toString();
        NULL_CLIENTS.forEach(c -> assertTrue(text.contains(c), text));
    }

    @Test
    void aScanOverSeveralAddressesFinishesAndReportsTheOneDown() {
        Scripts.Result r = diagnose(Lab.HOST, Lab.at("127.0.0.2"), Lab.KB, "127.0.0.3:1", "--parallel", "4");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("Hosts by load"), r.out());
        assertTrue(r.out().contains("127.0.0.3:1") && r.out().contains("unreachable"), r.out());
        String ranking = r.out().substring(r.out().indexOf("Hosts by load"));
        assertTrue(ranking.indexOf(Lab.KB) < ranking.indexOf("127.0.0.3:1"), "the fullest first, the unreachable last: " + ranking);

        // --format json lists the host that is down too, with its failure and code
        List<Map<String, Object>> json = diagnose(Lab.HOST, Lab.KB, "127.0.0.3:1", "--parallel", "4", "--format", "json").rows();
        Map<String, Object> down = json.stream().filter(x -> "127.0.0.3:1".equals(x.get("host"))).findFirst().orElseThrow();
        assertEquals("connection_refused", down.get("failure"));
        assertEquals(11L, ((Number) down.get("exit_code")).longValue());
        assertEquals(Lab.KB, json.get(0).get("host"), "the fullest host first");
    }

    @Test
    void aScanWhereEveryHostFailsExitsWithTheirFailureNotPartial() {
        Scripts.Result r = diagnose("127.0.0.3:1", "127.0.0.4:1", "--format", "json");
        assertEquals(11, r.exit(), r.out() + r.err());
        assertEquals(List.of("127.0.0.3:1", "127.0.0.4:1"), r.rows().stream().map(x -> x.get("host")).toList());
    }

    @Test
    void onePartRefusedTheRestIsStillReported() {
        // A plain user may list shares but not sessions, files or the registry: each is a finding, and exit 5.
        Scripts.Result r = Scripts.run("SmbDiagnose", Lab.KB, "-A", Lab.USER_AUTH.toString());
        assertEquals(5, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("the session listing (the diagnosis needs it) not read: session listing refused at every level"),
                r.out() + r.err());
        assertTrue(r.out().contains("hardened session listing"), r.out());
        assertTrue(r.out().contains("NULL-session settings (registry) not read:"), r.out());
        assertTrue(!r.out().contains("0 sessions"), "sessions not read are never \"0 sessions\": " + r.out());
    }

    /** A plain user, and a NULL session that may not list (-N): never "healthy", each part not read a finding. */
    @Test
    void aDiagnosisThatCannotListSessionsIsIncompleteNeverHealthy() {
        for (List<String> who : List.of(List.of("-A", Lab.USER_AUTH.toString()), List.of("-N"))) {
            List<String> args = new ArrayList<>(List.of(Lab.KB, "--format", "json"));
            args.addAll(who);
            Scripts.Result r = Scripts.run("SmbDiagnose", args.toArray(String[]::new));
            assertEquals(5, r.exit(), who + ": " + r.out() + r.err());
            List<Map<String, Object>> f = r.rows();
            assertEquals("sessions_unknown", f.get(0).get("kind"), who + ": " + f.get(0));
            assertTrue(f.stream().allMatch(x -> "incomplete".equals(x.get("host_status"))), r.out());
            Map<String, Object> sessions = f.stream().filter(x -> "sessions".equals(x.get("part"))).findFirst().orElseThrow();
            assertEquals("not_read", sessions.get("kind"));
            boolean user = who.contains("-A"); // a plain user: the hardened refusal at every level; a NULL session: 15
            assertEquals(user ? "sessions_refused" : "access_denied", sessions.get("failure"));
            assertEquals(user ? 23L : 15L, ((Number) sessions.get("exit_code")).longValue());
            for (String part : List.of("open files", "NULL-session settings (registry)")) {
                assertTrue(f.stream().anyMatch(x -> part.equals(x.get("part")) && "not_read".equals(x.get("kind"))), part + ": " + r.out());
            }
        }
    }

    @Test
    void theHtmlReportRendersItsFindingsAndChartsInChromium() throws Exception {
        Path html = tmp.resolve("report.html");
        diagnose(Lab.KB, "--html", html.toString());
        Proc dom = Proc.run(Lab.REPO, java.util.Map.of(), 120, List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("chromium"), "--virtual-time-budget=5000", "--dump-dom",
                html.toUri().toString()));
        assertTrue(dom.out().contains("data-charts-rendered=\"3\""), "three charts drawn: " + dom.err());
        assertTrue(dom.out().contains("class=\"finding action\""), dom.out());
        assertTrue(dom.out().contains("Method 1 on " + Lab.KB), dom.out());
        assertTrue(!Files.readString(html).contains("src=\"http"), "self-contained: nothing fetched from the network");
    }
}
