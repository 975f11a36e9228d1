package smbkit.rpc;

import smbkit.render.FindingText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.Vectors;
import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.model.ServerInfo;
import smbkit.model.Snapshot;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.SrvsvcClient;

/**
 * Hardened Windows (10 1607 / Server 2019 and later, or NetCease): NetrSessionEnum answers ERROR_ACCESS_DENIED
 * at every level to a non-administrator. On bytes (the access-denied reply of the vectors, at each level):
 * one line saying so and what to do, exit 23; in the diagnosis, a not_read finding that says it, exit 5.
 */
class HardenedSessionEnumTest {

    static final int[] LEVELS = {502, 2, 10, 1, 0};

    /** The vectors' level-502 ERROR_ACCESS_DENIED reply, at another level (level and union switch). */
    static byte[] deniedAt(int level) {
        byte[] r = Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level502-accessdenied.hex").clone();
        for (int at : new int[] {0, 4}) {
            r[at] = (byte) level;
            r[at + 1] = (byte) (level >> 8);
        }
        return r;
    }

    static PagingTest.Canned deniedEverywhere() {
        List<byte[]> replies = new ArrayList<>();
        for (int level : LEVELS) {
            replies.add(deniedAt(level));
        }
        return new PagingTest.Canned(replies);
    }

    @Test
    void everyLevelDeniedIsOneLineAndItsOwnExitCode() {
        PagingTest.Canned canned = deniedEverywhere();
        SmbkitException e = assertThrows(SmbkitException.class, () -> new SrvsvcClient(canned, "WIN10", "win10", false)
                .enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, LEVELS, -1));
        assertEquals(Failure.SESSIONS_REFUSED, e.failure());
        assertEquals(23, e.failure().exitCode());
        assertEquals(List.of(502, 2, 10, 1, 0), canned.levels, "every level tried, richest first");
        String line = e.oneLine();
        assertEquals(1, line.lines().count());
        assertTrue(line.contains("refused at every level") && line.contains("Windows 10 1607"), line);
        assertTrue(line.contains("Administrators") && line.contains("local mode"), line);
    }

    @Test
    void aNullSessionDeniedEverywhereStaysANullSessionRefusal() {
        SmbkitException e = assertThrows(SmbkitException.class, () -> new SrvsvcClient(deniedEverywhere(), "WIN10", "win10", true)
                .enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, LEVELS, -1));
        assertEquals(Failure.ACCESS_DENIED, e.failure());
    }

    @Test
    void otherListingsDeniedStayAccessDenied() {
        List<byte[]> replies = new ArrayList<>(List.of(deniedAt(3), deniedAt(2)));
        SmbkitException e = assertThrows(SmbkitException.class, () -> new SrvsvcClient(new PagingTest.Canned(replies), "WIN10",
                "win10", false).enumerate(EnumCall.Kind.FILES, new String[] {null, null}, new int[] {3, 2}, -1));
        assertEquals(Failure.ACCESS_DENIED, e.failure());
    }

    @Test
    void theDiagnosisSaysTheListingIsHardenedAndIsNeverHealthy() {
        SmbkitException e = assertThrows(SmbkitException.class, () -> new SrvsvcClient(deniedEverywhere(), "WIN10", "win10", false)
                .enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, LEVELS, -1));
        ServerInfo win10 = new ServerInfo("WIN10", 500, 10, 0, ServerInfo.SV_TYPE_WORKSTATION | ServerInfo.SV_TYPE_NT, "", null);
        Snapshot s = new Snapshot("win10", Instant.parse("2026-11-25T10:00:00Z"), win10, null, null, List.of(), null, null,
                List.of(), null, Map.of(Snapshot.SESSIONS, new Snapshot.Refusal(e.failure(), e.oneLine())));
        HostDiagnosis d = HostDiagnosis.of(s);
        Finding notRead = d.findings().stream().filter(f -> f.kind() == Finding.Kind.NOT_READ && Snapshot.SESSIONS.equals(f.part()))
                .findFirst().orElseThrow();
        assertEquals(Failure.SESSIONS_REFUSED, notRead.failure());
        assertTrue(FindingText.title(notRead).contains("refused at every level"), FindingText.title(notRead));
        assertTrue(String.join(" ", FindingText.evidence(notRead)).contains("hardened"), FindingText.evidence(notRead).toString());
        assertEquals("smb-diagnose --local", notRead.command());
        assertEquals(5, HostDiagnosis.exitCode(List.of(d)));
    }
}
