package smbkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.Scripts;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Snapshot;
import smbkit.model.Snapshot.Refusal;
import smbkit.render.SessionsView;

/**
 * smb-diagnose --from: inputs of different hosts stay apart and inputs of one host merge, whatever the order;
 * a field of the wrong type is one line with exit 21, never a crash; refusals keep their failure's kind.
 */
class SnapshotJsonTest {

    @TempDir
    Path tmp;

    static final ServerInfo SAMBA_8 = new ServerInfo("S", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", 8L);

    static List<Session> nulls(String client, int n) {
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Session(client, "nobody", 0L, 400L, 0L, 1L, null, null));
        }
        return out;
    }

    static Snapshot snapshot(String host, List<Session> sessions, Map<String, Refusal> refused) {
        return new Snapshot(host, Instant.parse("2026-11-25T10:00:00Z"), SAMBA_8, sessions, sessions == null ? null : "level 1",
                List.of(), null, null, List.of(), null, refused);
    }

    Path write(String name, Object json) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, JSON.std.asString(json));
        return p;
    }

    static Scripts.Result from(Path... files) {
        List<String> args = new ArrayList<>();
        for (Path f : files) {
            args.addAll(List.of("--from", f.toString()));
        }
        args.addAll(List.of("--format", "json"));
        return Scripts.run("SmbDiagnose", args.toArray(String[]::new));
    }

    static List<String> hostsAndTitles(Scripts.Result r) {
        return r.rows().stream().map(x -> x.get("host") + " " + x.get("kind") + " " + x.get("finding")).toList();
    }

    @Test
    void twoHostsStayApartWhateverTheOrder() throws Exception {
        Path a = write("a.json", SnapshotJson.write(snapshot("10.0.0.1", nulls("10.0.0.7", 6), new LinkedHashMap<>())));
        Path b = write("b.json", SnapshotJson.write(snapshot("10.0.0.2", List.of(), new LinkedHashMap<>())));
        Scripts.Result ab = from(a, b);
        Scripts.Result ba = from(b, a);
        assertEquals(1, ab.exit(), ab.err());
        assertEquals(1, ba.exit(), ba.err());
        assertEquals(hostsAndTitles(ab), hostsAndTitles(ba));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), ab.rows().stream().map(x -> x.get("host")).distinct().toList());
        Map<String, Object> second = ab.rows().stream().filter(x -> "10.0.0.2".equals(x.get("host"))).findFirst().orElseThrow();
        assertEquals("0 of 8 sessions", second.get("finding"), "10.0.0.2 keeps its own (empty) sessions");
    }

    @Test
    void partsOfOneHostMergeWhateverTheOrder() throws Exception {
        // a plain user's snapshot (sessions refused) and an administrator's list-sessions output of the same host
        Map<String, Refusal> refused = new LinkedHashMap<>(Map.of(Snapshot.SESSIONS, new Refusal(Failure.ACCESS_DENIED, "denied")));
        Path snap = write("snap.json", SnapshotJson.write(snapshot("10.0.0.1", null, refused)));
        Path sessions = write("sessions.json", SessionsView.table(nulls("10.0.0.7", 6)).rows());
        Scripts.Result one = from(snap, sessions);
        Scripts.Result two = from(sessions, snap);
        assertEquals(1, one.exit(), one.err());
        assertEquals(hostsAndTitles(one), hostsAndTitles(two));
        assertEquals(List.of("10.0.0.1"), one.rows().stream().map(x -> x.get("host")).distinct().toList());
        assertTrue(one.rows().stream().noneMatch(x -> Snapshot.SESSIONS.equals(x.get("part"))), "the sessions were given: " + one.out());
        assertEquals("6 of 8 sessions", one.rows().get(0).get("finding"), "the sessions of the step output count");
    }

    @Test
    void aStepsOutputWithSeveralHostsIsRefusedNotGuessed() throws Exception {
        Path a = write("a.json", SnapshotJson.write(snapshot("10.0.0.1", List.of(), new LinkedHashMap<>())));
        Path b = write("b.json", SnapshotJson.write(snapshot("10.0.0.2", List.of(), new LinkedHashMap<>())));
        Path sessions = write("sessions.json", SessionsView.table(nulls("10.0.0.7", 1)).rows());
        Scripts.Result r = from(a, sessions, b);
        assertEquals(Failure.USAGE.exitCode(), r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void aStepsOutputAloneHasNoSessionsRefusalWhenItListsThem() throws Exception {
        Path sessions = write("sessions.json", SessionsView.table(List.of()).rows());
        Scripts.Result r = from(sessions);
        assertEquals(0, r.exit(), r.out() + r.err()); // no sessions read... an empty listing is a listing
        Path shares = write("shares.json", List.of(Map.of("name", "files", "remark", "", "type", "disk")));
        Scripts.Result onlyShares = from(shares);
        assertEquals(5, onlyShares.exit(), "no session listing in the input: incomplete " + onlyShares.out());
    }

    @Test
    void aWronglyTypedFieldIsOneLineWithExit21() throws Exception {
        Map<String, Object> good = SnapshotJson.write(snapshot("10.0.0.1", nulls("10.0.0.7", 1), new LinkedHashMap<>()));
        List<Map<String, Object>> bad = new ArrayList<>();
        for (Object[] change : new Object[][] {
                {"host", 5}, {"collected_at", 7}, {"collected_at", "yesterday"}, {"server", "x"}, {"sessions", "x"},
                {"sessions", List.of(5)}, {"sessions", List.of(Map.of("client", 7))}, {"shares", List.of(Map.of("name", List.of()))},
                {"refused", Map.of("sessions", 5)}, {"refused", Map.of("sessions", Map.of("failure", "no_such_kind"))},
                {"anonymous_settings", Map.of("RestrictAnonymous", Map.of("type_code", 4, "data_hex", "zz"))},
                {"connections", Map.of("IPC$", List.of(Map.of("id", "one")))}, {"connections_reliable", "yes"}}) {
            Map<String, Object> m = new LinkedHashMap<>(good);
            m.put((String) change[0], change[1]);
            bad.add(m);
        }
        bad.add(Map.of("tool", "smb-diagnose-scan", "hosts", "x"));
        bad.add(Map.of("tool", "smb-diagnose-scan", "hosts", List.of(5)));
        for (int i = 0; i < bad.size(); i++) {
            Path f = write("bad" + i + ".json", bad.get(i));
            Scripts.Result r = from(f);
            assertEquals(21, r.exit(), bad.get(i) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(f.toString()), r.err());
        }
        Path rows = write("rows.json", List.of(Map.of("client", 5, "kind", "user", "active_s", 1)));
        assertEquals(21, from(rows).exit());
    }

    @Test
    void aRefusalKeepsItsKindThroughSaveAndFrom() {
        Map<String, Refusal> refused = new LinkedHashMap<>(Map.of(Snapshot.SESSIONS, new Refusal(Failure.ACCESS_DENIED, "denied")));
        Snapshot back = SnapshotJson.read(SnapshotJson.write(snapshot("h", null, refused)), "x");
        assertEquals(refused, back.refused());
        assertNull(back.sessions());
        // older snapshots wrote the one line only
        Map<String, Object> old = new LinkedHashMap<>(SnapshotJson.write(snapshot("h", null, refused)));
        old.put("refused", Map.of("sessions", "denied"));
        assertEquals(new Refusal(null, "denied"), SnapshotJson.read(old, "x").refused().get(Snapshot.SESSIONS));
    }
}
