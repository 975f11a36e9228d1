package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * KB step 1, net session, against the real Samba: a user with files open from one address, NULL sessions
 * from two others, and list-sessions shows each with the right client, user, kind and opens, agreeing with
 * the server's own smbstatus and with impacket at the same moment.
 */
@Tag("lab")
class ListSessionsLabTest {

    static final String ALICE = "127.0.0.21";
    static final String SPOOLER_A = "127.0.0.22";
    static final String SPOOLER_B = "127.0.0.23";
    static final String TOOL = "127.0.0.20";
    static final List<String> HELD = List.of(ALICE, SPOOLER_A, SPOOLER_B);

    static final List<SessionHolder> held = new ArrayList<>();

    @BeforeAll
    static void holdTheKbSessions() throws Exception {
        Lab.up();
        held.add(Lab.userSession(ALICE, 2));
        held.add(Lab.nullSession(SPOOLER_A));
        held.add(Lab.nullSession(SPOOLER_A));
        held.add(Lab.nullSession(SPOOLER_B));
    }

    @AfterAll
    static void release() throws Exception {
        for (SessionHolder h : held) {
            h.close();
        }
    }

    static Scripts.Result listSessions(String... more) {
        List<String> args = new ArrayList<>(List.of(Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--source-address", TOOL));
        args.addAll(List.of(more));
        return Scripts.run("ListSessions", args.toArray(String[]::new)).ok();
    }

    /** client -> sorted "user/kind/opens" of the sessions held by this test. */
    static Map<String, List<String>> heldSessions(List<Map<String, Object>> rows) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Map<String, Object> r : rows) {
            if (HELD.contains(r.get("client"))) {
                out.computeIfAbsent((String) r.get("client"), k -> new ArrayList<>())
                        .add(r.get("user") + "/" + r.get("kind") + "/" + r.get("opens"));
            }
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    @Test
    void eachSessionShowsItsClientUserKindAndOpens() {
        List<Map<String, Object>> rows = listSessions("--format", "json").rows();

        assertEquals(Map.of(
                ALICE, List.of("labadmin/user/2"),
                SPOOLER_A, List.of("nobody/guest/0", "nobody/guest/0"),
                SPOOLER_B, List.of("nobody/guest/0")), heldSessions(rows));
        Map<String, Object> first = rows.get(0);
        for (String field : List.of("client", "user", "kind", "opens", "active_s", "idle_s")) {
            assertTrue(first.containsKey(field), "JSON field " + field);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void itAgreesWithTheServersOwnViewAndWithImpacket() throws Exception {
        List<Map<String, Object>> ours = listSessions("--format", "json").rows();
        Map<String, Object> status = JSON.std.mapFrom(Lab.smbstatusJson());
        Proc impacket = Proc.run(Lab.REPO, "/usr/bin/python3", "tests/lab/impacket_sessions.py", Lab.HOST,
                Lab.ADMIN_AUTH.toString()).ok();

        Map<String, List<String>> fromSmbstatus = new TreeMap<>();
        for (Object o : ((Map<String, Object>) status.get("sessions")).values()) {
            Map<String, Object> s = (Map<String, Object>) o;
            if (HELD.contains(s.get("remote_machine"))) {
                fromSmbstatus.computeIfAbsent((String) s.get("remote_machine"), k -> new ArrayList<>()).add((String) s.get("username"));
            }
        }
        Map<String, List<String>> fromImpacket = new TreeMap<>();
        for (Object o : JSON.std.listFrom(impacket.out())) {
            Map<String, Object> s = (Map<String, Object>) o;
            if (HELD.contains(s.get("client"))) {
                fromImpacket.computeIfAbsent((String) s.get("client"), k -> new ArrayList<>()).add((String) s.get("user"));
            }
        }
        Map<String, List<String>> fromUs = new TreeMap<>();
        heldSessions(ours).forEach((c, l) -> fromUs.put(c, l.stream().map(x -> x.split("/")[0]).toList()));

        assertEquals(fromSmbstatus, fromUs, "smbstatus --json");
        assertEquals(fromImpacket, fromUs, "impacket NetrSessionEnum");
    }

    @Test
    void filtersApplyOnTheClientSideAsSambaIgnoresThem() {
        List<Map<String, Object>> spooler = listSessions("--format", "json", "--client", SPOOLER_A).rows();
        assertEquals(2, spooler.size());
        assertTrue(spooler.stream().allMatch(r -> SPOOLER_A.equals(r.get("client"))));

        List<Map<String, Object>> nobody = listSessions("--format", "json", "--user", "nobody").rows();
        assertTrue(nobody.size() >= 3);
        assertTrue(nobody.stream().allMatch(r -> "nobody".equals(r.get("user"))));
    }

    @Test
    void theSummaryCountsEverySessionAndNamesClientsWithSeveral() {
        String table = listSessions().out();

        assertTrue(table.contains(SPOOLER_A + ": 2 sessions (2 guest)"), table);
        assertTrue(table.matches("(?s).*Sessions: \\d+ \\(no fixed limit\\) on " + java.util.regex.Pattern.quote(Lab.HOST) + " \\(LABSRV, Samba.*"), table);
        assertTrue(table.contains("NULL/guest sessions:"), table);
    }

    @Test
    void csvHasAHeaderAndOneLinePerSession() {
        String csv = listSessions("--format", "csv", "--client", SPOOLER_A).out();
        List<String> lines = csv.lines().toList();
        assertEquals("client,client_name,user,kind,opens,active_s,idle_s,user_flags,client_type,transport", lines.get(0));
        assertEquals(3, lines.size(), csv);
    }
}
