package smbkit.rpc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMB server on loopback that answers what a test needs: garbage, a frame longer than SMB allows,
 * nothing at all, a close at negotiate (as Samba at 'max smbd processes'), or a relay to a real server that
 * cuts the connection in the middle of a named-pipe call. Every socket is closed by {@link #close()}, and
 * every read is bounded in time.
 */
public final class FakeSmbServer implements AutoCloseable {

    /** What the server does with each connection. */
    public interface Behaviour {
        void serve(Socket client) throws IOException;
    }

    static final int SMB2_WRITE = 0x09;
    static final int SMB2_IOCTL = 0x0B;

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();

    public FakeSmbServer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket c = server.accept();
                    connections.incrementAndGet();
                    sockets.add(c);
                    c.setSoTimeout(30_000);
                    Thread t = new Thread(() -> {
                        try (c) {
                            behaviour.serve(c);
                        } catch (IOException e) {
                            // the client went away: the test looks at what the client says
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // closed by the test
            }
        }, "fake-smb");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** HOST:PORT to give the scripts. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Reads the client's first frame (its negotiate), then sends these bytes and closes. */
    public static Behaviour replies(byte[] reply) {
        return c -> {
            readFrame(c.getInputStream());
            OutputStream out = c.getOutputStream();
            out.write(reply);
            out.flush();
            sleep(300);
        };
    }

    /** Not SMB at all: what a web server or anything else on the port might say. */
    public static Behaviour garbage() {
        return replies(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" + "this is not SMB\n".repeat(8))
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** A direct-TCP frame header claiming {@code length} bytes (up to 2^24 - 1), then an SMB2 header start. */
    public static Behaviour claimsFrameOf(int length) {
        byte[] b = new byte[4 + 64];
        b[1] = (byte) (length >> 16);
        b[2] = (byte) (length >> 8);
        b[3] = (byte) length;
        b[4] = (byte) 0xFE;
        b[5] = 'S';
        b[6] = 'M';
        b[7] = 'B';
        return replies(b);
    }

    /** Accepts, reads the negotiate and closes without a byte: Samba past 'max smbd processes'. */
    public static Behaviour closesAtNegotiate() {
        return c -> readFrame(c.getInputStream());
    }

    /** Accepts and never answers. */
    public static Behaviour silent() {
        return c -> sleep(30_000);
    }

    /**
     * Relays to a real server, and cuts both connections when the client sends its {@code n}-th SMB2 IOCTL or
     * WRITE (a named-pipe transceive: the first is the RPC bind, the second the first call).
     */
    public static Behaviour relayCuttingPipeCall(InetSocketAddress real, int n) {
        return c -> {
            try (Socket s = new Socket()) {
                s.connect(real, 5_000);
                s.setSoTimeout(30_000);
                Thread back = new Thread(() -> {
                    try {
                        s.getInputStream().transferTo(c.getOutputStream());
                    } catch (IOException e) {
                        // cut
                    }
                });
                back.setDaemon(true);
                back.start();
                InputStream in = c.getInputStream();
                OutputStream out = s.getOutputStream();
                int calls = 0;
                while (true) {
                    byte[] frame = readFrame(in);
                    if (frame == null) {
                        return;
                    }
                    int command = frame.length >= 4 + 14 && (frame[4] & 0xFF) == 0xFE ? frame[4 + 12] & 0xFF : -1;
                    if ((command == SMB2_IOCTL || command == SMB2_WRITE) && ++calls == n) {
                        c.close();
                        s.close();
                        return;
                    }
                    out.write(frame);
                    out.flush();
                }
            }
        };
    }

    /** One direct-TCP frame, header included; null at the end of the stream. */
    static byte[] readFrame(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] head = new byte[4];
        try {
            d.readFully(head);
        } catch (java.io.EOFException e) {
            return null;
        }
        int len = ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
        byte[] frame = new byte[4 + len];
        System.arraycopy(head, 0, frame, 0, 4);
        d.readFully(frame, 4, len);
        return frame;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
