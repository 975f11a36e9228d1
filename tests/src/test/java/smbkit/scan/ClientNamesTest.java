package smbkit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import smbkit.netbios.NameServiceTest;
import smbkit.netbios.NbnsPacketTest;

/**
 * Client names against scripted node status responders on loopback: a client that answers gets its name (once
 * per run: the cache), a silent one null within the budget, {@link ClientNames#OFF} sends nothing at all.
 */
class ClientNamesTest {

    /** Answers (when {@code answer}) each query as a lab member's nmbd does, counting every datagram seen. */
    static Thread responder(DatagramSocket s, boolean answer, AtomicInteger seen) {
        return NameServiceTest.responder(s, id -> answer ? NbnsPacketTest.nodeStatusReply(id, NbnsPacketTest.LAB_MEMBER) : null, seen);
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
            assertEquals(1, names.counts().answered());
        }
    }

    @Test
    void aSilentAddressGivesNullAfterTheBudget() throws Exception {
        int port = freePort("127.0.67.10");
        AtomicInteger seen = new AtomicInteger();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress("127.0.67.10", port))) {
            responder(silent, false, seen);
            ClientNames names = ClientNames.on(port);
            assertNull(names.of("127.0.67.10"));
            assertEquals(2, seen.get(), "asked twice (one retry)");
            assertEquals(new ClientNames.Counts(0, 0, 1, 0), names.counts());
        }
    }

    @Test
    void refusingAddressesEndAtOnceAllAsked() throws Exception {
        // nothing bound on 127.0.68.x: the kernel refuses (ICMP port unreachable), which ends each query at once,
        // not after the budget: counted as refused, none as silent (the speed itself is a benchmark's, not a test's)
        int port = freePort("127.0.68.1");
        List<String> clients = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            clients.add("127.0.68." + (i % 250 + 1)); // 250 addresses (more than PARALLEL), some listed twice
        }
        ClientNames names = ClientNames.on(port);
        Map<String, String> got = names.of(clients);
        assertTrue(got.isEmpty(), got.toString());
        assertEquals(new ClientNames.Counts(0, 250, 0, 0), names.counts());
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

    @Test
    void clientStringsAndNamesAreReadSafely() {
        assertEquals("10.0.0.7", ClientNames.address("\\\\10.0.0.7"));
        assertEquals("10.0.0.7", ClientNames.address("ipv4:10.0.0.7:49152"));
        assertNull(ClientNames.address("10.0.0.300"));
        assertNull(ClientNames.address("fe80::1"));
        assertNull(ClientNames.address("FS1"));
        assertEquals("PC?[2J", ClientNames.printable("PC\u001b[2J "));
        assertNull(ClientNames.printable("   "));
    }
}
