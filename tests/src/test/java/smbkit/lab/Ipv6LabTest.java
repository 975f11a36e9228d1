package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Lab;
import smbkit.Scripts;

/** IPv6 targets, as the README promises them: both lab servers listen on ::1 too. */
@Tag("lab")
class Ipv6LabTest {

    @Test
    void theTestServerAnswersOnIpv6() {
        Lab.up();
        assertListsItsOwnSession("[::1]:" + Lab.PORT);
        assertListsItsOwnSession("\\\\[::1]:" + Lab.PORT);
    }

    /** The forms without a port, when this run's lab is on 445 (-Dsmbkit.lab.port=445); TargetTest covers their parsing. */
    @ParameterizedTest
    @ValueSource(strings = {"[::1]", "::1"})
    void theFormsWithoutAPortReach445(String host) {
        Lab.up();
        assumeTrue(Lab.PORT == 445, "this run's lab is not on port 445");
        assertListsItsOwnSession(host);
    }

    static void assertListsItsOwnSession(String host) {
        Scripts.Result r = Scripts.run("ListSessions", host, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
        assertEquals(0, r.exit(), host + ": " + r.err());
        List<Map<String, Object>> rows = r.rows();
        assertTrue(rows.stream().anyMatch(s -> "::1".equals(s.get("client")) && "labadmin".equals(s.get("user"))), r.out());
    }

    /** The port is kept: the KB server is reached on its port, not the test server on its own. */
    @Test
    void aPortAfterAnIpv6AddressIsKept() {
        Lab.kbScenario();
        Scripts.Result r = Scripts.run("ListSessions", "[::1]:" + Lab.KB_PORT, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.rows().stream().anyMatch(s -> "127.0.0.3".equals(s.get("client"))), "the KB server's holders: " + r.out());
    }
}
