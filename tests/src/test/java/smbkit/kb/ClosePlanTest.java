package smbkit.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.model.OpenFile;
import smbkit.model.Session;

/** close-sessions' plan on tables of data: what it closes, what it refuses, what it never touches. */
class ClosePlanTest {

    static final Session ALICE = new Session("10.0.0.5", "alice", 2L, 500L, 3L, 0L, null, null);
    static final Session NULL_A = new Session("10.0.0.7", "", 1L, 3665L, 3600L, 0L, null, null);
    static final Session NULL_B = new Session("10.0.0.7", "", 0L, 7290L, 7200L, 0L, null, null);
    static final Session ALICE_ON_7 = new Session("10.0.0.7", "alice", 0L, 100L, 3L, 0L, null, null);
    static final Session TOOL = new Session("10.0.0.2", "admin", 0L, 1L, 0L, 0L, null, null);
    static final Session GUEST_ON_TOOL_ADDRESS = new Session("10.0.0.2", "nobody", 0L, 300L, 0L, 1L, null, null);

    static final OpenFile SPOOLSS = new OpenFile(4660, 3L, 0L, "\\PIPE\\spoolss", "");
    static final OpenFile REPORT = new OpenFile(4664, 3L, 1L, "C:\\Users\\alice\\report.docx", "alice");

    static final ClosePlan.Self SELF = new ClosePlan.Self("10.0.0.2", "admin", false);

    static List<CloseTarget> plan(List<Session> sessions, List<String> clients, String user, boolean nullOnly, boolean force) {
        return ClosePlan.plan(sessions, List.of(SPOOLSS, REPORT), new ClosePlan.Selection(clients, user, nullOnly, force),
                SELF, false);
    }

    @Test
    void nullOnlySelectsTheNullSessionsAndKeepsTheUsers() {
        List<CloseTarget> p = plan(List.of(ALICE, NULL_A, NULL_B, TOOL), List.of(), null, true, false);
        assertEquals(1, p.size());
        CloseTarget t = p.get(0);
        assertEquals("10.0.0.7", t.client());
        assertEquals(2, t.sessions().size(), "both NULL sessions of the client");
        assertTrue(t.wholeClient(), "they are all of the client's sessions: one delete by client name");
        assertEquals(CloseTarget.Decision.CLOSE, t.decision(), "a held pipe is no reason to refuse");
        assertEquals(List.of(SPOOLSS), t.pipes());
    }

    @Test
    void windowsNullSessionsCannotBeSingledOutFromAClientsOtherSessions() {
        // An empty user name may mean every user (Samba takes it so): never send one to close only NULL sessions.
        List<CloseTarget> p = plan(List.of(NULL_A, NULL_B, ALICE_ON_7, TOOL), List.of(), null, true, false);
        assertEquals(CloseTarget.Decision.CANNOT_SINGLE_OUT, p.get(0).decision());
        assertFalse(p.get(0).wholeClient(), "alice's session on 10.0.0.7 stays");
    }

    @Test
    void sambaGuestSessionsAreClosedByTheirUserName() {
        Session guest = new Session("10.0.0.7", "nobody", 0L, 300L, 0L, 1L, null, null);
        List<CloseTarget> p = ClosePlan.plan(List.of(guest, ALICE_ON_7), List.of(),
                new ClosePlan.Selection(List.of(), null, true, false), SELF, true);
        assertEquals(CloseTarget.Decision.CLOSE, p.get(0).decision());
        assertEquals("nobody", p.get(0).user());
        assertFalse(p.get(0).wholeClient());
    }

    @Test
    void allOfAClientsSessionsAreClosedWithOneDelete() {
        List<CloseTarget> p = plan(List.of(ALICE, NULL_A, NULL_B, TOOL), List.of("10.0.0.7"), null, false, false);
        assertTrue(p.stream().allMatch(CloseTarget::wholeClient));
    }

    @Test
    void aSessionHoldingFilesIsRefusedUnlessForced() {
        assertEquals(CloseTarget.Decision.REFUSED_HOLDS_FILES,
                plan(List.of(ALICE, TOOL), List.of("10.0.0.5"), null, false, false).get(0).decision());
        CloseTarget forced = plan(List.of(ALICE, TOOL), List.of("10.0.0.5"), null, false, true).get(0);
        assertEquals(CloseTarget.Decision.CLOSE, forced.decision());
        assertEquals(List.of(REPORT), forced.files());
    }

    @Test
    void sambaCountsFilesInItsOpenCount() {
        Session sambaUser = new Session("10.0.0.5", "bob", 1L, 50L, 0L, 0L, null, null);
        List<CloseTarget> p = ClosePlan.plan(List.of(sambaUser), List.of(), new ClosePlan.Selection(List.of(), "bob", false, false),
                SELF, true);
        assertEquals(CloseTarget.Decision.REFUSED_HOLDS_FILES, p.get(0).decision());
    }

    @Test
    void itNeverClosesItsOwnSessionNorItsOwnAddressAsAWhole() {
        List<CloseTarget> p = plan(List.of(TOOL, GUEST_ON_TOOL_ADDRESS), List.of("10.0.0.2"), null, false, false);
        CloseTarget own = p.stream().filter(t -> "admin".equals(t.user())).findFirst().orElseThrow();
        CloseTarget other = p.stream().filter(t -> "nobody".equals(t.user())).findFirst().orElseThrow();
        assertEquals(CloseTarget.Decision.SKIPPED_SELF, own.decision());
        assertEquals(CloseTarget.Decision.CLOSE, other.decision());
        assertFalse(other.wholeClient(), "a delete by client would cut smbkit's own connection");
    }
}
