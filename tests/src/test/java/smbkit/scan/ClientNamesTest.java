package smbkit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import smbkit.netbios.NbnsPacketTest;

/**
 * Client names against scripted node status responders on loopback: a client that answers gets its name (once
 * per run: the cache), a silent one null within the budget, {@link ClientNames#OFF} sends nothing at all.
 */
class ClientNamesTest {

    /** Answers (when {@code answer}) each query, counting every datagram seen. */
    static Thread responder(DatagramSocket s, boolean answer, AtomicInteger seen) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[600];
            while (!s.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    s.receive(p);
                    seen.incrementAndGet();
                    if (answer) {
                        int id = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
                        byte[] r = NbnsPacketTest.nodeStatusReply(id, NbnsPacketTest.LAB_MEMBER);
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

    static int freePort(String address) throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName(address))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void anAnsweringClientIsNamedOncePerRun() throws Exception {
        int port = freePort("127.0.67.1");
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket member = new DatagramSocket(new InetSocketAddress("127.0.67.1", port))) {
            responder(member, true, seen);
            ClientNames names = ClientNames.on(port);
            Map<String, String> got = names.of(List.of("127.0.67.1", "\\\\127.0.67.1", "ipv4:127.0.67.1:49152", "FS1", "127.0.67.2"));
            assertEquals("LABWG-PC2", got.get("127.0.67.1"));
            assertEquals("LABWG-PC2", got.get("\\\\127.0.67.1"));
            assertEquals("LABWG-PC2", got.get("ipv4:127.0.67.1:49152"));
            assertNull(got.get("FS1"), "a client listed by name is not asked");
            assertNull(got.get("127.0.67.2"), "silent: no name");
            assertEquals(1, seen.get(), "one query for the three spellings of one address");
            assertEquals("LABWG-PC2", names.of("127.0.67.1"));
            assertEquals(1, seen.get(), "cached: not asked again in the same run");
        }
    }

    @Test
    void silentAddressesGiveNullWithinTheBudget() throws Exception {
        int port = freePort("127.0.67.10");
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.67.10", port))) {
            responder(silent, false, seen);
            List<String> clients = new ArrayList<>(List.of("127.0.67.10"));
            for (int i = 11; i < 211; i++) {
                clients.add("127.0.67." + i); // nothing bound: silent too
            }
            long t0 = System.nanoTime();
            Map<String, String> got = ClientNames.on(port).of(clients);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(got.isEmpty(), got.toString());
            assertEquals(2, seen.get(), "the silent one asked twice (one retry), within the budget");
            // 200 silent addresses asked at once, 64 at a time: a few budgets, not 200 (a loose bound, not a benchmark)
            assertTrue(ms < 20 * ClientNames.BUDGET.toMillis(), ms + " ms");
        }
    }

    @Test
    void offSendsNothing() throws Exception {
        int port = freePort("127.0.67.1");
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket member = new DatagramSocket(new InetSocketAddress("127.0.67.1", port))) {
            responder(member, true, seen);
            assertTrue(ClientNames.OFF.of(List.of("127.0.67.1")).isEmpty());
            assertNull(ClientNames.OFF.of("127.0.67.1"));
            // a query that was sent would have arrived by now: the answering one takes well under a budget
            ClientNames.on(port).of(List.of("127.0.67.1"));
            assertEquals(1, seen.get(), "only the lookup that was on sent a query");
        }
    }
}
