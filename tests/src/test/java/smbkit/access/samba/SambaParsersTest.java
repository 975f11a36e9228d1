package smbkit.access.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.access.samba.SmbstatusParser;
import smbkit.access.samba.TestparmParser;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.model.Share;

/**
 * Local mode's readings of Samba's own tools, on output captured from the KB scenario server (paths moved to
 * /srv/lab): five NULL sessions shown as the guest account, a user with two files open, two printer shares.
 */
class SambaParsersTest {

    static String fixture(String name) {
        return SambaFixtures.read(name);
    }

    @Test
    void smbstatusSessionsLookLikeTheRemoteListing() throws Exception {
        SmbstatusParser.Status status = SmbstatusParser.parse(fixture("smbstatus-kb.json"));
        List<Session> sessions = status.sessionList("nobody");

        assertEquals(6, sessions.size());
        assertEquals(5, sessions.stream().filter(s -> s.kind() == SessionKind.GUEST).count(), "NULL sessions as the guest account");
        Session user = sessions.stream().filter(s -> "labadmin".equals(s.user())).findFirst().orElseThrow();
        assertEquals("127.0.0.2", user.client());
        assertEquals(2L, user.opens(), "its two files");
        assertTrue(user.activeSeconds() >= 0);
        assertEquals(null, user.idleSeconds(), "smbstatus does not say");
    }

    @Test
    void smbstatusFilesCarryTheRemotePathShape() throws Exception {
        List<OpenFile> files = SmbstatusParser.parse(fixture("smbstatus-kb.json")).files();
        assertEquals(2, files.size());
        assertTrue(files.stream().allMatch(f -> f.path().startsWith("C:\\srv\\lab\\share\\held-by-127.0.0.2-")), files.toString());
        assertTrue(files.stream().allMatch(f -> "labadmin".equals(f.user())));
    }

    @Test
    void smbstatusConnectionsAreRealData() throws Exception {
        SmbstatusParser.Status status = SmbstatusParser.parse(fixture("smbstatus-kb.json"));
        assertEquals(5, status.connections("IPC$", java.util.Map.of()).size(), "the NULL sessions' IPC$ connections");
        assertEquals("127.0.0.2", status.connections("files", java.util.Map.of()).get(0).netname());
    }

    @Test
    void testparmSharesLookLikeTheRemoteListing() throws Exception {
        List<Share> shares = TestparmParser.shares(fixture("testparm-kb.txt"), "smbkit lab (kb)", java.util.Map.of("files", 1L));
        assertEquals(List.of("files", "laser", "inkjet", "IPC$"), shares.stream().map(Share::name).toList());
        Share laser = shares.get(1);
        assertTrue(laser.isPrinter());
        assertEquals("Lab laser printer", laser.remark());
        assertEquals("C:\\srv\\lab\\spool", laser.path());
        assertEquals("IPC (special)", shares.get(3).kind());
        assertEquals(1L, shares.get(0).currentUses());
    }
}
