package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Lab;
import smbkit.Scripts;

/** IPv6 targets, as the README promises them: both lab servers listen on ::1 too. */
class Ipv6LabTest {

    @ParameterizedTest
    @ValueSource(strings = {"[::1]:445", "[::1]", "::1", "\\\\[::1]"})
    void theTestServerAnswersOnIpv6(String host) {
        Lab.up();
        Scripts.Result r = Scripts.run("ListSessions", host, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        List<Map<String, Object>> rows = r.rows();
        assertTrue(rows.stream().anyMatch(s -> "::1".equals(s.get("client")) && "labadmin".equals(s.get("user"))), r.out());
    }

    /** The port is kept: the KB server on 4450 is reached, not the test server on 445. */
    @Test
    void aPortAfterAnIpv6AddressIsKept() {
        Lab.kbScenario();
        Scripts.Result r = Scripts.run("ListSessions", "[::1]:4450", "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.rows().stream().anyMatch(s -> "127.0.0.3".equals(s.get("client"))), "the KB server's holders: " + r.out());
    }
}
