package smbkit.netbios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The sweep against scripted responders on loopback: one answers as nmbd does, one answers bytes that are cut
 * short, one is silent; at most {@code parallel} queries are outstanding, the silent one is counted once its
 * retry times out, and progress reaches every address.
 */
public class NameServiceTest {

    /** Answers each node status query with {@code reply(id)} (none when null), counting the queries seen. */
    public static Thread responder(DatagramSocket s, java.util.function.IntFunction<byte[]> reply, AtomicInteger seen) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[600];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    seen.incrementAndGet();
                    int id = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
                    byte[] r = reply.apply(id);
                    if (r != null) {
                        s.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                    }
                } catch (Exception closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void sweepsCountsTheSilentAndRejectsTheMalformed() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.66.1"))) {
            port = probe.getLocalPort();
        }
        AtomicInteger seenGood = new AtomicInteger();
        AtomicInteger seenBad = new AtomicInteger();
        try (DatagramSocket good = new DatagramSocket(new InetSocketAddress("127.0.66.1", port));
                DatagramSocket bad = new DatagramSocket(new InetSocketAddress("127.0.66.2", port))) {
            responder(good, id -> NbnsPacketTest.nodeStatusReply(id, NbnsPacketTest.LAB_MEMBER), seenGood);
            responder(bad, id -> java.util.Arrays.copyOf(NbnsPacketTest.nodeStatusReply(id, NbnsPacketTest.LAB_MEMBER), 60), seenBad);
            NameService ns = new NameService(port, Duration.ofMillis(300), 1);
            List<InetAddress> range = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                range.add(InetAddress.getByName("127.0.66." + i));
            }
            List<Integer> progress = new ArrayList<>();
            NameService.Sweep s = ns.nodeStatus(range, 2, progress::add);
            assertEquals(List.of("127.0.66.1"), List.copyOf(s.answers().keySet()));
            assertEquals("LABWG-PC2", s.answers().get("127.0.66.1").computerName().orElseThrow());
            assertEquals(List.of("127.0.66.3"), s.unanswered());
            assertTrue(s.malformed().containsKey("127.0.66.2"), s.malformed().toString());
            assertEquals(List.of(1, 2, 3), progress);
            assertEquals(1, seenGood.get()); // answered at once: never retried
        }
    }

    @Test
    void aNameQueryWithoutAnswerIsSilenceNotAnError() throws Exception {
        NameService ns = new NameService(9, Duration.ofMillis(100), 0); // discard: nothing answers
        NameService.QueryResult r = ns.query(InetAddress.getByName("127.0.66.9"), "LABWG", 0x1D, false, false);
        assertFalse(r.answered());
        assertFalse(r.found());
    }
}
