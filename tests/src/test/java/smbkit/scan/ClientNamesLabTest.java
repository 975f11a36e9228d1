package smbkit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;
import smbkit.lab.SessionHolder;

/**
 * Sessions opened from a lab workgroup member's address (its nmbd answers node status there) carry the member's
 * NetBIOS name in {@code client_name}, the name {@code nmblookup -A} gives at the same moment; {@code --no-names}
 * leaves it null.
 */
@Tag("lab")
class ClientNamesLabTest {

    static SessionHolder held;

    @BeforeAll
    static void holdASessionFromAMember() throws Exception {
        Lab.up();
        Lab.workgroup();
        held = Lab.nullSession(Lab.wgAddress(2));
    }

    @AfterAll
    static void release() throws Exception {
        if (held != null) {
            held.close();
        }
    }

    /** {@code nmblookup -A}: the unique {@code <20>} name, else the unique {@code <00>}. */
    static String nmblookupName(String address) {
        String out = Proc.run(Lab.REPO, "nmblookup", "-s", Lab.wgConf(1), "-A", address).ok().out();
        for (String suffix : List.of("20", "00")) {
            Matcher m = Pattern.compile("^\\s+(\\S+)\\s*<" + suffix + ">\\s+-\\s+(?!<GROUP>)", Pattern.MULTILINE).matcher(out);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("nmblookup -A " + address + " gives no computer name:\n" + out);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> memberRow(Scripts.Result r) throws Exception {
        assertTrue(r.exit() == 0 || r.exit() == smbkit.Failure.ACTION_NEEDED.exitCode(), r.err());
        List<Map<String, Object>> rows = (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(r.out());
        return rows.stream().filter(x -> Lab.wgAddress(2).equals(x.get("client"))).findFirst()
                .orElseThrow(() -> new AssertionError("no session from " + Lab.wgAddress(2) + ": " + rows));
    }

    @Test
    void sessionsNameTheMemberAsNmblookupDoes() throws Exception {
        Map<String, Object> row = memberRow(Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json"));
        String expected = nmblookupName(Lab.wgAddress(2));
        assertEquals(Lab.wgName(2).toUpperCase(java.util.Locale.ROOT), expected.toUpperCase(java.util.Locale.ROOT));
        assertEquals(expected, row.get("client_name"));
    }

    @Test
    void nullSessionsAndClientsToo() throws Exception {
        Map<String, Object> nul = memberRow(Scripts.run("FindNullSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json"));
        assertEquals(nmblookupName(Lab.wgAddress(2)), nul.get("client_name"));
        Map<String, Object> client = memberRow(Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(),
                "--view", "clients", "--format", "json"));
        assertNotNull(client.get("client_name"));
    }

    @Test
    void noNamesLeavesItNull() throws Exception {
        Map<String, Object> row = memberRow(Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json",
                "--no-names"));
        assertTrue(row.containsKey("client_name"));
        assertNull(row.get("client_name"));
    }
}
