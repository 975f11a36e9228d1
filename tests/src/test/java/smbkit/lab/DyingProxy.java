package smbkit.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server that dies on demand: a TCP relay on a free loopback port to the lab's Samba; {@link #kill()}
 * closes its port and every connection through it, as a server that goes down mid-way.
 */
public final class DyingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public DyingProxy(String host, int port) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread accept = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(host, port);
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "dying-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public String target() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }, "dying-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** The server goes down: nothing listens any more, every connection through it is cut. */
    public void kill() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
