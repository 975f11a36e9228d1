package smbkit.kb;

import smbkit.render.FindingText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Share;
import smbkit.model.Snapshot;
import smbkit.model.Snapshot.Refusal;

/**
 * A diagnosis never calls a server healthy when it could not read it: each part not read is a finding of its
 * own (kind not_read, with the part and the failure), the symptom never says "0 sessions" for sessions not
 * read, and without a session listing the run exits 5 (1 when other findings call for action).
 */
class IncompleteDiagnosisTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    /** The lab's KB server as NetrServerGetInfo reports it: Samba, no user limit over srvsvc. */
    static final ServerInfo SAMBA = new ServerInfo("LABSRV", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", null);
    static final ServerInfo SAMBA_8 = new ServerInfo("LABSRV", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", 8L);
    static final List<Share> SHARES = List.of(new Share("files", 0, "", null, null, null, "/srv/files", null),
            new Share("laser", Share.STYPE_PRINTQ, "", null, null, null, null, null));

    static Refusal denied(String what) {
        return new Refusal(Failure.ACCESS_DENIED, "127.0.0.1:4450: access denied to " + what + " (ERROR_ACCESS_DENIED)");
    }

    static Snapshot snapshot(String host, ServerInfo server, List<Session> sessions, Map<String, Refusal> refused) {
        return new Snapshot(host, T0, server, sessions, sessions == null ? null : "NetrSessionEnum level 1", null, null, null,
                SHARES, null, refused);
    }

    /** What the lab's KB server gives a plain user (or a NULL session with -N): server info and shares, nothing else. */
    static Snapshot plainUser(Failure kind) {
        Map<String, Refusal> refused = new LinkedHashMap<>();
        for (String part : List.of(Snapshot.SESSIONS, Snapshot.OPEN_FILES, Snapshot.CONNECTIONS_TO + "IPC$", Snapshot.REGISTRY)) {
            refused.put(part, new Refusal(kind, "127.0.0.1:4450: refused " + part));
        }
        return snapshot("127.0.0.1:4450", SAMBA, null, refused);
    }

    static List<Finding> notRead(HostDiagnosis d) {
        return d.findings().stream().filter(f -> f.kind() == Finding.Kind.NOT_READ).toList();
    }

    @Test
    void aPlainUserWhoMayNotListSessionsGetsExit5AndAFindingPerPartNotRead() {
        for (Failure kind : List.of(Failure.ACCESS_DENIED, Failure.NULL_SESSION_REFUSED)) {
            HostDiagnosis d = HostDiagnosis.of(plainUser(kind));
            assertTrue(d.incomplete(), kind.toString());
            assertEquals(5, HostDiagnosis.exitCode(List.of(d)), kind.toString());
            assertEquals(Failure.INCOMPLETE.exitCode(), HostDiagnosis.exitCode(List.of(d)));

            Finding symptom = d.findings().get(0);
            assertEquals(Finding.Kind.SESSIONS_UNKNOWN, symptom.kind());
            assertFalse(FindingText.title(symptom).matches(".*\\b0 sessions.*"), FindingText.title(symptom));
            assertFalse(symptom.severity() == Finding.Severity.INFO, "not-read is never shown as fine");

            List<Finding> parts = notRead(d);
            assertEquals(List.of(Snapshot.SESSIONS, Snapshot.OPEN_FILES, Snapshot.CONNECTIONS_TO + "IPC$", Snapshot.REGISTRY),
                    parts.stream().map(Finding::part).toList());
            parts.forEach(f -> assertEquals(kind, f.failure()));
            parts.forEach(f -> assertEquals("smb-diagnose --local", f.command(), "what to do: local mode on the server"));
            assertTrue(FindingText.evidence(parts.get(0)).stream().anyMatch(e -> e.contains("Administrators")), FindingText.evidence(parts.get(0)).toString());
        }
    }

    @Test
    void samba_sLimitWithItsRegistryUnreadIsUnknownNotNone() {
        HostDiagnosis d = HostDiagnosis.of(plainUser(Failure.ACCESS_DENIED));
        String limit = FindingText.evidence(d.findings().get(0)).get(0);
        assertTrue(limit.contains("unknown") && !limit.contains("no 'max smbd processes'"), limit);

        // sessions read, registry not: "N sessions; limit unknown", not "no fixed limit"
        Map<String, Refusal> refused = new LinkedHashMap<>(Map.of(Snapshot.REGISTRY, denied("BaseRegOpenKey")));
        HostDiagnosis read = HostDiagnosis.of(snapshot("h", SAMBA, List.of(new Session("127.0.0.2", "alice", 1L, 5L, 0L, 0L, null, null)), refused));
        assertEquals("1 sessions; limit unknown", FindingText.title(read.findings().get(0)));
        assertEquals(0, HostDiagnosis.exitCode(List.of(read)), "sessions were read: complete");
    }

    @Test
    void findingsThatCallForActionStillWinOverIncomplete() {
        // sessions read with permanent NULL sessions, open files refused: exit 1, and the files are a finding
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sessions.add(new Session("127.0.0.3", "nobody", 0L, 400L, 0L, 1L, null, null));
        }
        HostDiagnosis d = HostDiagnosis.of(snapshot("h", SAMBA_8, sessions, new LinkedHashMap<>(Map.of(Snapshot.OPEN_FILES,
                denied("NetrFileEnum")))));
        assertEquals(1, HostDiagnosis.exitCode(List.of(d)));
        assertEquals(List.of(Snapshot.OPEN_FILES), notRead(d).stream().map(Finding::part).toList());

        // in a scan, one host with actions and one incomplete: 1
        assertEquals(1, HostDiagnosis.exitCode(List.of(d, HostDiagnosis.of(plainUser(Failure.ACCESS_DENIED)))));
        // one healthy, one incomplete: 5, never 0
        HostDiagnosis healthy = HostDiagnosis.of(snapshot("ok", SAMBA_8, List.of(), new LinkedHashMap<>()));
        assertEquals(0, HostDiagnosis.exitCode(List.of(healthy)));
        assertEquals(5, HostDiagnosis.exitCode(List.of(healthy, HostDiagnosis.of(plainUser(Failure.ACCESS_DENIED)))));
    }

    @Test
    void everyHostFailedIsTheCommonFailureOrTheFirstsNeverPartial() {
        HostDiagnosis refused1 = HostDiagnosis.unreachable("10.0.0.1", "connection refused", Failure.CONNECTION_REFUSED);
        HostDiagnosis refused2 = HostDiagnosis.unreachable("10.0.0.2", "connection refused", Failure.CONNECTION_REFUSED);
        HostDiagnosis timeout = HostDiagnosis.unreachable("10.0.0.3", "timed out", Failure.TIMEOUT);
        assertEquals(11, HostDiagnosis.exitCode(List.of(refused1, refused2)), "the common failure");
        assertEquals(12, HostDiagnosis.exitCode(List.of(timeout, refused1)), "differing: the first host's");
        assertEquals(11, HostDiagnosis.exitCode(List.of(refused1, timeout)), "differing: the first host's");
        assertEquals(11, HostDiagnosis.exitCode(List.of(refused1)), "one host: its own");
        HostDiagnosis healthy = HostDiagnosis.of(snapshot("ok", SAMBA_8, List.of(), new LinkedHashMap<>()));
        assertEquals(3, HostDiagnosis.exitCode(List.of(healthy, refused1)), "some failed, others were diagnosed");
    }

    @Test
    void anUnreachableHostHasAFindingWithItsFailure() {
        HostDiagnosis down = HostDiagnosis.unreachable("10.0.0.1", "10.0.0.1: connection refused", Failure.CONNECTION_REFUSED);
        assertEquals(1, down.findings().size());
        Finding f = down.findings().get(0);
        assertEquals(Finding.Kind.HOST_UNREACHABLE, f.kind());
        assertEquals(Failure.CONNECTION_REFUSED, f.failure());

        Finding full = HostDiagnosis.unreachable("10.0.0.2", "at its limit", Failure.SERVER_FULL).findings().get(0);
        assertEquals(Finding.Kind.HOST_AT_LIMIT, full.kind());
        assertEquals(Finding.Severity.ACTION, full.severity(), "refused for being full is the KB's symptom");
        assertEquals(Failure.SERVER_FULL, full.failure());
    }

    @Test
    void theAtLimitHostRanksFirstAndTheUnreadAreNeverRankedAsHealthy() {
        HostDiagnosis full = HostDiagnosis.unreachable("10.0.0.9", "at its limit", Failure.SERVER_FULL);
        HostDiagnosis down = HostDiagnosis.unreachable("10.0.0.1", "connection refused", Failure.CONNECTION_REFUSED);
        HostDiagnosis blind = HostDiagnosis.of(plainUser(Failure.ACCESS_DENIED));
        HostDiagnosis busy = HostDiagnosis.of(snapshot("10.0.0.5", SAMBA_8, List.of(new Session("a", "u", 0L, 1L, 0L, 0L, null, null),
                new Session("b", "v", 0L, 1L, 0L, 0L, null, null)), new LinkedHashMap<>()));
        HostDiagnosis idle = HostDiagnosis.of(snapshot("10.0.0.4", SAMBA_8, List.of(), new LinkedHashMap<>()));
        List<HostDiagnosis> hosts = new ArrayList<>(List.of(down, idle, blind, busy, full));
        hosts.sort(HostDiagnosis.BY_LOAD);
        assertEquals(List.of(full, busy, idle, blind, down), hosts);
        assertTrue(blind.incomplete() && !idle.incomplete());
    }
}
