package smbkit.access.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.access.samba.SmbstatusParser;
import smbkit.access.samba.TestparmParser;
import smbkit.model.Session;
import smbkit.model.Share;

/**
 * Samba's tools and Samba's srvsvc asked about the same lab server at the same moment (captured together
 * from 127.0.0.160): {@code smbstatus -B --json}, {@code testparm -s}, and RemoteServer's listings. The
 * clients are this test's own, 127.0.0.160-169: labuser with two files (.161), NULL sessions (.162, two from
 * .163), labadmin with a file (.164), labuser holding a file with two byte-range locks (.169). Sessions other
 * lab users opened between the two captures are left out.
 */
class LocalListingMatchesRemoteTest {

    static final String OURS = "127.0.0.16";

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> remote(String part) throws Exception {
        return (List<Map<String, Object>>) JSON.std.mapFrom(SambaFixtures.read("remote-lab.json")).get(part);
    }

    static SmbstatusParser.Status status() throws Exception {
        return SmbstatusParser.parse(SambaFixtures.read("smbstatus-lab.json"));
    }

    static String row(Object... fields) {
        StringBuilder b = new StringBuilder();
        for (Object f : fields) {
            b.append(f instanceof Number n ? n.longValue() : f).append(" | ");
        }
        return b.toString();
    }

    @Test
    void sessionsAreTheRemoteOnesFieldByField() throws Exception {
        List<Session> local = status().sessionList("nobody").stream().filter(s -> s.client().startsWith(OURS)).toList();
        List<Map<String, Object>> remote = remote("sessions").stream().filter(r -> ((String) r.get("client")).startsWith(OURS)).toList();

        assertEquals(remote.stream().map(r -> row(r.get("client"), r.get("user"), r.get("opens"), r.get("user_flags"))).sorted().toList(),
                local.stream().map(s -> row(s.client(), s.user(), s.opens(), s.userFlags())).sorted().toList());
        assertEquals(7, local.size(), "two NULL sessions from 127.0.0.163 are two sessions, as srvsvc lists them");
        // srvsvc counts from the session set-up, smbstatus from the first tree connect: the same second or one apart
        for (Session s : local) {
            assertTrue(remote.stream().anyMatch(r -> r.get("client").equals(s.client()) && r.get("user").equals(s.user())
                    && Math.abs(((Number) r.get("active_s")).longValue() - s.activeSeconds()) <= 1), s.toString());
        }
    }

    @Test
    void openFilesAreTheRemoteOnesWithTheirIdsPermissionsAndLocks() throws Exception {
        assertEquals(remote("files").stream()
                        .map(r -> row(r.get("id"), r.get("permissions"), r.get("locks"), r.get("path"), r.get("user"))).sorted().toList(),
                status().files().stream().map(f -> row(f.id(), f.permissions(), f.locks(), f.path(), f.user())).sorted().toList());
        assertTrue(status().files().stream().anyMatch(f -> f.path().endsWith("locked-by-127.0.0.169.txt") && f.locks() == 2),
                "the byte-range locks smbstatus -B lists");
    }

    @Test
    void sharesAreTheRemoteOnes() throws Exception {
        List<Share> local = TestparmParser.shares(SambaFixtures.read("testparm-lab.txt"), "smbkit lab (main)",
                status().usesByShare());
        assertEquals(remote("shares").stream().map(r -> row(r.get("name"), r.get("type"), r.get("remark"), r.get("path"))).sorted().toList(),
                local.stream().map(s -> row(s.name(), s.type(), s.remark(), s.path())).sorted().toList());
    }
}
