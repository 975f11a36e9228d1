package smbkit.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.render.NullSessionsView;

/** The KB's NULL-session rules on tables of data: who is NULL, temporary or permanent, what they hold, the verdict. */
class NullSessionAnalysisTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static Session windowsNull(String client, long active, long idle) {
        return new Session("\\\\" + client, "", 1L, active, idle, 0L, "Windows 2002 Service Pack 3 2600", "\\Device\\NetbiosSmb");
    }

    static Session sambaGuest(String client, long active) {
        return new Session(client, "nobody", 0L, active, 0L, 1L, null, null);
    }

    static Session user(String client, String user, long opens) {
        return new Session(client, user, opens, 500L, 3L, 0L, null, null);
    }

    static final OpenFile SPOOLSS = new OpenFile(4660, 3L, 0L, "\\PIPE\\spoolss", "");
    static final OpenFile REPORT = new OpenFile(4664, 3L, 1L, "C:\\Users\\alice\\report.docx", "alice");

    @Test
    void windowsNullAndSambaGuestAreBothNullSessions() {
        assertEquals(SessionKind.NULL, windowsNull("10.0.0.7", 10, 10).kind());
        assertEquals(SessionKind.GUEST, sambaGuest("10.0.0.7", 10).kind());
        assertEquals(SessionKind.USER, user("10.0.0.5", "alice", 1).kind());
        assertEquals(SessionKind.UNKNOWN, new Session("10.0.0.5", null, null, null, null, null, null, null).kind());
        assertTrue(SessionKinds.isAnonymous(windowsNull("x", 1, 1)) && SessionKinds.isAnonymous(sambaGuest("x", 1)));
    }

    @Test
    void aClientWithSeveralNullSessionsTakesSeveralSlots() {
        List<Session> now = List.of(windowsNull("10.0.0.7", 3665, 3600), windowsNull("10.0.0.7", 7290, 7200),
                user("10.0.0.5", "alice", 2));
        List<NullClient> clients = NullSessionAnalysis.analyse(List.of(new Sample(T0, now)), List.of(SPOOLSS, REPORT), true);

        assertEquals(1, clients.size());
        assertEquals("10.0.0.7", clients.get(0).client());
        assertEquals(2, clients.get(0).present());
        assertEquals(2, clients.get(0).count(Persistence.PERMANENT), "active for more than 90 s");
        assertEquals(7200L, clients.get(0).maxIdleS());
        assertEquals(Boolean.TRUE, clients.get(0).holdsSpoolss(), "the one NULL client holds the NULL pipe");
        assertEquals(List.of("\\PIPE\\spoolss"), clients.get(0).holds());

        SessionCount count = SessionCount.of(now, SessionLimit.of(new ServerInfo("LABSRV", 500, 5, 1, 0x1003, "", 10L)));
        assertEquals(3, count.total(), "net session shows two lines; the server counts three sessions");
    }

    @Test
    void samplesTellTemporaryFromPermanent() {
        // Samba reports no idle time; the session from .7 is there across 100 s, the one from .8 came and went,
        // the one from .9 is new.
        Sample first = new Sample(T0, List.of(sambaGuest("10.0.0.7", 5), sambaGuest("10.0.0.8", 2)));
        Sample second = new Sample(T0.plusSeconds(50), List.of(sambaGuest("10.0.0.7", 55), sambaGuest("10.0.0.8", 52)));
        Sample third = new Sample(T0.plusSeconds(100), List.of(sambaGuest("10.0.0.7", 105), sambaGuest("10.0.0.9", 3)));

        List<NullClient> clients = NullSessionAnalysis.analyse(List.of(first, second, third), List.of(), false);

        assertEquals(Persistence.PERMANENT, clients.get(0).sessions().get(0).persistence());
        assertEquals(Persistence.GONE, clients.get(1).sessions().get(0).persistence());
        assertEquals(Persistence.YOUNG, clients.get(2).sessions().get(0).persistence());
        assertNull(clients.get(0).maxIdleS(), "Samba's idle time of 0 is no information");
        assertNull(clients.get(0).holdsSpoolss(), "Samba does not list pipes: unknown, not no");
    }

    @Test
    void aNewSessionFromTheSameClientIsNotTheOldOne() {
        // The old session closed and a new one opened between samples: its start time gives it away.
        Sample first = new Sample(T0, List.of(sambaGuest("10.0.0.7", 60)));
        Sample second = new Sample(T0.plusSeconds(60), List.of(sambaGuest("10.0.0.7", 10)));
        List<NullClient> clients = NullSessionAnalysis.analyse(List.of(first, second), List.of(), false);
        assertEquals(List.of(Persistence.GONE, Persistence.YOUNG),
                clients.get(0).sessions().stream().map(TrackedSession::persistence).toList());
    }

    @Test
    void pipesOfSeveralNullClientsCannotBePutDownToOne() {
        List<Session> now = List.of(windowsNull("10.0.0.7", 200, 100), windowsNull("10.0.0.8", 200, 100));
        List<NullClient> clients = NullSessionAnalysis.analyse(List.of(new Sample(T0, now)), List.of(SPOOLSS), true);
        assertNull(clients.get(0).holdsSpoolss());
        assertEquals(List.of(), clients.get(0).holds());
    }

    @Test
    void theVerdictNamesTheClientsAndTheMethods() {
        List<Session> now = List.of(windowsNull("10.0.0.7", 3665, 3600), windowsNull("10.0.0.7", 7290, 7200),
                user("10.0.0.5", "alice", 2));
        List<NullClient> clients = NullSessionAnalysis.analyse(List.of(new Sample(T0, now)), List.of(SPOOLSS), true);
        SessionCount count = SessionCount.of(now, new SessionLimit(10, SessionLimit.Basis.SV102_USERS));

        NullSessionVerdict v = NullSessionVerdict.of(clients, count, "LABSRV");

        assertTrue(v.actionNeeded());
        assertEquals(List.of("10.0.0.7"), v.clientsToVisit());
        String text = String.join("\n", NullSessionsView.verdict(v));
        assertTrue(text.contains("NULL sessions hold 2 of the 10 slots (3 in use) on LABSRV"), text);
        assertTrue(text.contains("holding \\PIPE\\spoolss"), text);
        assertTrue(text.contains("Method 1 on LABSRV: restrict NULL sessions: smb-restrict-anonymous LABSRV --set 1"), text);
        assertTrue(text.contains("Method 2 on 10.0.0.7: remove their printer shares: smb-printer-shares 10.0.0.7"), text);
        assertTrue(text.contains("smb-close-sessions LABSRV --null-only"), text);
    }

    @Test
    void youngNullSessionsAskForMoreSamplesNotAction() {
        List<Session> now = List.of(sambaGuest("10.0.0.7", 20));
        List<NullClient> clients = NullSessionAnalysis.analyse(List.of(new Sample(T0, now)), List.of(), false);
        NullSessionVerdict v = NullSessionVerdict.of(clients, SessionCount.of(now, new SessionLimit(null, SessionLimit.Basis.NO_FIXED_LIMIT)), "srv");
        assertFalse(v.actionNeeded());
        assertTrue(String.join("\n", NullSessionsView.verdict(v)).contains("sample longer"), NullSessionsView.verdict(v).toString());
    }
}
