package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * The NetBIOS called-name retry on port 139, as Windows does it. Samba accepts any called name, so the server
 * here is a fake in front of the SMB1 lab server: a NetBIOS session service on 139 of an address of its own
 * that answers "called name not present" (0x82) to every name but XPBOX, and a node status responder on UDP
 * 137 of the same address announcing XPBOX; once a session request is accepted, the bytes go to the SMB1
 * server's direct port. smbkit calls *SMBSERVER (jcifs-ng's name for a bare address), is refused, asks the
 * node status, and calls XPBOX.
 */
@Tag("lab")
class NetbiosCalledNameLabTest {

    static final String NAME = "XPBOX";

    @BeforeAll
    static void scenario() {
        Lab.smb1Scenario();
    }

    /** A 127.0.2.x address whose TCP 139 and UDP 137 are both free, or null. */
    static String freeAddress() {
        for (int i = 1; i < 250; i++) {
            String a = "127.0.2." + i;
            try (ServerSocket s = new ServerSocket(); DatagramSocket d = new DatagramSocket(null)) {
                s.bind(new InetSocketAddress(a, 139));
                d.bind(new InetSocketAddress(a, 137));
                return a;
            } catch (IOException e) {
                // taken: the next one
            }
        }
        return null;
    }

    /** The name in a NetBIOS first-level encoded name (length 32, then 32 letters), trimmed, and its suffix. */
    static String decode(byte[] b, int at) {
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            raw[i] = (byte) (((b[at + 1 + 2 * i] - 'A') << 4) | (b[at + 2 + 2 * i] - 'A'));
        }
        return new String(raw, 0, 15, StandardCharsets.ISO_8859_1).strip() + "<" + String.format("%02x", raw[15] & 0xFF) + ">";
    }

    @Test
    void aRefusedCalledNameIsRetriedWithTheNodeStatusName() throws Exception {
        assumeTrue(Lab.SMB1_NETBIOS, "no NetBIOS in this lab run");
        String address = freeAddress();
        assumeTrue(address != null, "no 127.0.2.x address with TCP 139 and UDP 137 free");
        List<String> called = new CopyOnWriteArrayList<>();
        List<String> statusQueries = new CopyOnWriteArrayList<>();
        try (ServerSocket session = new ServerSocket(); DatagramSocket status = new DatagramSocket(null)) {
            session.bind(new InetSocketAddress(address, 139));
            status.bind(new InetSocketAddress(address, 137));
            start(() -> answerNodeStatus(status, statusQueries));
            start(() -> {
                while (!session.isClosed()) {
                    try {
                        Socket c = session.accept();
                        start(() -> serveSession(c, called));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            Scripts.Result r = Scripts.run("ListSessions", address + ":139", "-A", Lab.ADMIN_AUTH.toString(), "--format", "json");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.rows().stream().anyMatch(s -> "127.0.0.2".equals(s.get("client"))), r.out());
            assertEquals("*SMBSERVER<20>", called.get(0), called.toString());
            assertTrue(called.contains(NAME + "<20>"), called.toString());
            assertEquals(NAME + "<20>", called.get(called.size() - 1), called.toString());
            assertTrue(!statusQueries.isEmpty(), "a node status query was sent");
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("note:") && l.contains(NAME)).count(), r.err());
        }
    }

    /** Answers each node status query (NBSTAT, type 0x21) with XPBOX<00>, XPBOX<20> and WORKGROUP<00> (group). */
    static void answerNodeStatus(DatagramSocket socket, List<String> queries) {
        byte[] buf = new byte[576];
        while (!socket.isClosed()) {
            try {
                DatagramPacket q = new DatagramPacket(buf, buf.length);
                socket.receive(q);
                queries.add(decode(buf, 12));
                ByteBuffer out = ByteBuffer.allocate(512);
                out.put(buf, 0, 2).putShort((short) 0x8400).putShort((short) 0).putShort((short) 1).putShort((short) 0)
                        .putShort((short) 0);
                out.put(buf, 12, 34).putShort((short) 0x21).putShort((short) 1).putInt(0);
                Object[][] names = {{NAME, 0x00, 0x0400}, {NAME, 0x20, 0x0400}, {"WORKGROUP", 0x00, 0x8400}};
                out.putShort((short) (1 + 18 * names.length + 46)).put((byte) names.length);
                for (Object[] n : names) {
                    byte[] padded = Arrays.copyOf(((String) n[0]).getBytes(StandardCharsets.US_ASCII), 15);
                    for (int i = ((String) n[0]).length(); i < 15; i++) {
                        padded[i] = ' ';
                    }
                    out.put(padded).put((byte) (int) n[1]).putShort((short) (int) n[2]);
                }
                out.put(new byte[46]);
                socket.send(new DatagramPacket(out.array(), out.position(), q.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One NetBIOS session: refuses every called name but XPBOX<20>, then relays to the SMB1 server. */
    static void serveSession(Socket c, List<String> called) {
        try (c) {
            DataInputStream in = new DataInputStream(c.getInputStream());
            OutputStream out = c.getOutputStream();
            byte[] head = new byte[4];
            in.readFully(head);
            int length = ((head[1] & 1) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
            byte[] body = new byte[length];
            in.readFully(body);
            if ((head[0] & 0xFF) != 0x81) {
                return;
            }
            String name = decode(body, 0);
            called.add(name);
            if (!(NAME + "<20>").equals(name)) {
                out.write(new byte[] {(byte) 0x83, 0, 0, 1, (byte) 0x82});
                out.flush();
                return;
            }
            out.write(new byte[] {(byte) 0x82, 0, 0, 0});
            out.flush();
            try (Socket server = new Socket(InetAddress.getByName(Lab.SMB1_ADDRESS), Lab.SMB1_PORT)) {
                Thread up = start(() -> pump(in, server));
                pump(server, c);
                up.join(5000);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    static void pump(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    static Thread start(Runnable r) {
        Thread t = new Thread(r, "fake-netbios");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void pump(Socket from, Socket to) throws IOException {
        pump(from.getInputStream(), to);
    }
}
