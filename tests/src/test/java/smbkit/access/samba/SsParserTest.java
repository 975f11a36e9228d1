package smbkit.access.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import smbkit.kb.ConnectionTraffic;
import smbkit.model.SessionEndpoint;
import smbkit.model.TcpConnection;

/** ss -H -t -a -n -i -p output (tests/src/test/resources/samba/ss-lab.txt) as TCP connections, odd lines ignored. */
class SsParserTest {

    static List<TcpConnection> sample() {
        return SsParser.parse(SambaFixtures.read("ss-lab.txt"), Set.of(4450));
    }

    static TcpConnection peer(List<TcpConnection> list, String address) {
        return list.stream().filter(c -> c.remoteAddress().equals(address)).findFirst().orElseThrow(() -> new AssertionError(address));
    }

    @Test
    void connectionsOnTheServersPortWithTheirTraffic() {
        List<TcpConnection> list = sample();
        assertEquals(List.of("127.0.0.161", "127.0.0.162", "127.0.0.163", "127.0.0.170", "127.0.0.172", "127.0.0.173"),
                list.stream().map(TcpConnection::remoteAddress).toList(), "no listener, no other port, no odd line");

        TcpConnection user = peer(list, "127.0.0.161");
        assertEquals(new TcpConnection("127.0.0.1", 4450, "127.0.0.161", 33271, "ESTABLISHED", 4311L, 9120L, null, 2L, 23885L), user);
        TcpConnection spooler = peer(list, "127.0.0.162");
        assertEquals(305L, spooler.idleSeconds(), "min(lastsnd, lastrcv) in seconds");
        assertEquals(1012L, spooler.bytesIn());
        assertEquals(1460L, spooler.bytesOut());
    }

    @Test
    void mappedAddressesAndStatesLikeWindows() {
        List<TcpConnection> list = sample();
        TcpConnection mapped = peer(list, "127.0.0.163");
        assertEquals("127.0.0.1", mapped.localAddress());
        assertEquals(38975, mapped.remotePort());
        TcpConnection closing = peer(list, "127.0.0.170");
        assertEquals("TIME_WAIT", closing.state());
        assertNull(closing.bytesIn(), "no statistics: unknown, not 0");
        assertNull(closing.idleSeconds());
    }

    @Test
    void oddStatisticsAreDroppedNotThrown() {
        List<TcpConnection> list = sample();
        TcpConnection overflow = peer(list, "127.0.0.172");
        assertNull(overflow.bytesOut(), "a number too long for a long is dropped");
        assertEquals(12L, overflow.bytesIn());
        assertEquals(600L, overflow.idleSeconds(), "lastsnd:x ignored, lastrcv kept");
        TcpConnection truncated = peer(list, "127.0.0.173");
        assertEquals(1460L, truncated.bytesOut(), "bytes_sent where bytes_acked is cut off");
        assertNull(truncated.idleSeconds());
    }

    @Test
    void truncatedAndHugeInputNeverThrows() {
        String text = SambaFixtures.read("ss-lab.txt");
        for (int i = 0; i < text.length(); i += 7) {
            SsParser.parse(text.substring(0, i), Set.of(4450));
        }
        assertTrue(SsParser.parse("x".repeat(SsParser.MAX_LINE + 1), Set.of(4450)).isEmpty());
        assertTrue(SsParser.parse(null, Set.of(445)).isEmpty());
        assertTrue(SsParser.parse("ESTAB 0 0 [::1:445 [::1]:1\n", Set.of(445)).size() <= 1);
    }

    /** The sample's ports are those of smbstatus-lab.json's sessions: each joins its connection by address and port. */
    @Test
    void sessionsJoinTheirConnectionsAndTheIdleNullSessionIsTheStuckSpooler() {
        List<SessionEndpoint> sessions = SmbstatusParser.parse(SambaFixtures.read("smbstatus-lab.json")).endpoints("nobody");
        List<ConnectionTraffic> joined = ConnectionTraffic.join(sample(), sessions);
        ConnectionTraffic user = joined.stream().filter(j -> j.connection() != null && j.connection().remotePort() == 33271).findFirst().orElseThrow();
        assertEquals("user", user.sessionKind());
        assertEquals("labuser", user.sessions().get(0).user());
        ConnectionTraffic spooler = joined.stream().filter(j -> j.connection() != null && j.connection().remotePort() == 32827).findFirst().orElseThrow();
        assertEquals("guest", spooler.sessionKind());
        assertTrue(spooler.stuckSpooler(), "NULL session idle 305 s");
        ConnectionTraffic busy = joined.stream().filter(j -> j.connection() != null && j.connection().remotePort() == 38975).findFirst().orElseThrow();
        assertEquals("guest", busy.sessionKind(), "joined through the IPv4-mapped address");
        assertTrue(!busy.stuckSpooler(), "idle 4 s only");
        assertEquals(List.of(), joined.stream().filter(j -> j.connection() != null && j.connection().remotePort() == 40001)
                .flatMap(j -> j.sessions().stream()).toList(), "no session on that port");
        assertEquals(sessions.size() - 3, joined.stream().filter(j -> j.connection() == null).count(),
                "every session without a connection in the sample is still listed");
    }
}
