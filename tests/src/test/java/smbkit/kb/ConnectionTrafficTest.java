package smbkit.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.model.Session;
import smbkit.model.SessionEndpoint;
import smbkit.model.TcpConnection;

/** The join of sessions to TCP connections, by port where known and by address alone (Windows), and the stuck spooler rule. */
class ConnectionTrafficTest {

    static TcpConnection tcp(String peer, int port, String state, Long idle) {
        return new TcpConnection("10.0.0.1", 445, peer, port, state, 100L, 200L, 600L, idle, null);
    }

    static Session anonymous() {
        return new Session("10.0.0.5", "", 0L, 600L, 600L, 0L, null, null);
    }

    static Session user(String name) {
        return new Session("10.0.0.5", name, 1L, 600L, 0L, 0L, null, null);
    }

    @Test
    void byAddressAloneEveryEstablishedConnectionShowsTheAddresssSessions() {
        List<ConnectionTraffic> joined = ConnectionTraffic.join(
                List.of(tcp("10.0.0.5", 50001, "ESTABLISHED", 300L), tcp("10.0.0.5", 50000, "TIME_WAIT", null),
                        tcp("10.0.0.5", 50002, "ESTABLISHED", 1L), tcp("10.0.0.6", 50003, "ESTABLISHED", 900L)),
                List.of(new SessionEndpoint(anonymous(), "10.0.0.5", null), new SessionEndpoint(user("alice"), "10.0.0.5", null),
                        new SessionEndpoint(anonymous(), "10.0.0.6", null)));
        assertEquals(4, joined.size());
        assertEquals("none", joined.get(0).sessionKind(), "TIME_WAIT carries no session");
        assertEquals("null,user", joined.get(1).sessionKind());
        assertFalse(joined.get(1).stuckSpooler(), "a user's session may be the one it carries");
        assertEquals("null,user", joined.get(2).sessionKind());
        assertEquals("null", joined.get(3).sessionKind());
        assertTrue(joined.get(3).stuckSpooler());
    }

    @Test
    void byPortEachSessionItsOwnConnection() {
        List<ConnectionTraffic> joined = ConnectionTraffic.join(
                List.of(tcp("10.0.0.5", 50001, "ESTABLISHED", 300L), tcp("10.0.0.5", 50002, "ESTABLISHED", 300L)),
                List.of(new SessionEndpoint(anonymous(), "10.0.0.5", 50001), new SessionEndpoint(user("alice"), "10.0.0.5", 50002)));
        assertEquals("null", joined.get(0).sessionKind());
        assertTrue(joined.get(0).stuckSpooler());
        assertEquals("user", joined.get(1).sessionKind());
        assertFalse(joined.get(1).stuckSpooler());
    }

    @Test
    void stuckOnlyWhenAnonymousAloneIdleAndEstablished() {
        assertTrue(ConnectionTraffic.stuck(tcp("a", 1, "ESTABLISHED", 120L), List.of(anonymous())));
        assertFalse(ConnectionTraffic.stuck(tcp("a", 1, "ESTABLISHED", 119L), List.of(anonymous())));
        assertFalse(ConnectionTraffic.stuck(tcp("a", 1, "ESTABLISHED", null), List.of(anonymous())), "idle unknown");
        assertFalse(ConnectionTraffic.stuck(tcp("a", 1, "CLOSE_WAIT", 900L), List.of(anonymous())));
        assertFalse(ConnectionTraffic.stuck(tcp("a", 1, "ESTABLISHED", 900L), List.of(anonymous(), user("bob"))));
        assertFalse(ConnectionTraffic.stuck(tcp("a", 1, "ESTABLISHED", 900L), List.of(user("bob"))));
    }

    @Test
    void sessionsWithoutAConnectionAreKept() {
        List<ConnectionTraffic> joined = ConnectionTraffic.join(List.of(),
                List.of(new SessionEndpoint(user("carol"), "10.0.0.9", 40000)));
        assertEquals(1, joined.size());
        assertEquals(null, joined.get(0).connection());
    }
}
