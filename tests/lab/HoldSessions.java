///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../../lib/smbkit/SmbKit.java
//DESCRIPTION Lab helper: opens SMB sessions from chosen 127.0.0.x addresses and holds them open.

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.SmbPipeHandle;
import jcifs.SmbPipeResource;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbFile;
import jcifs.smb.SmbNamedPipe;

/**
 * Plays the KB's clients against the lab: a NULL session that keeps {@code \PIPE\spoolss} open, as the
 * print spooler's RPC does, and an authenticated user with files open on a share. Each session comes
 * from its own source address, so the server sees distinct client computers.
 *
 * <pre>
 * LAB_PASSWORD=... HoldSessions 127.0.0.1 --null 127.0.0.3 --null 127.0.0.3 --user 127.0.0.2:labadmin:files:2
 * </pre>
 * Prints "ready" once every session is open and holds them until killed (or --seconds N). The password
 * comes from LAB_PASSWORD so that it stays out of the process list.
 */
public class HoldSessions {

    /** An open session and what it holds; closing it ends the session. */
    public static final class Held implements AutoCloseable {
        private final CIFSContext context;
        private final List<AutoCloseable> open = new ArrayList<>();

        Held(CIFSContext context) {
            this.context = context;
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable c : open) {
                c.close();
            }
            context.close();
        }
    }

    private static CIFSContext context(String localAddress) throws Exception {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB202");
        p.setProperty("jcifs.smb.client.maxVersion", "SMB311");
        p.setProperty("jcifs.smb.client.laddr", localAddress);
        p.setProperty("jcifs.smb.client.dfs.disabled", "true");
        p.setProperty("jcifs.resolveOrder", "DNS");
        // Held sessions must outlive jcifs's idle timer, as a spooler's do.
        p.setProperty("jcifs.smb.client.disableIdleTimeout", "true");
        return new BaseContext(new PropertyConfiguration(p));
    }

    /** A NULL session from {@code localAddress} holding {@code \PIPE\<pipe>} open. */
    public static Held nullSession(String server, String localAddress, String pipe) throws Exception {
        Held held = new Held(context(localAddress).withAnonymousCredentials());
        SmbNamedPipe np = new SmbNamedPipe("smb://" + server + "/IPC$/" + pipe,
                SmbPipeResource.PIPE_TYPE_RDWR | SmbPipeResource.PIPE_TYPE_TRANSACT, held.context);
        SmbPipeHandle handle = np.openPipe();
        handle.getOutput(); // opens the pipe on the server now
        held.open.add(handle);
        held.open.add(np);
        return held;
    }

    /** An authenticated session from {@code localAddress} holding {@code files} files open on {@code share}. */
    public static Held userSession(String server, String localAddress, String user, String password, String share,
            int files) throws Exception {
        Held held = new Held(context(localAddress).withCredentials(new NtlmPasswordAuthenticator(null, user, password)));
        for (int i = 1; i <= files; i++) {
            SmbFile f = new SmbFile("smb://" + server + "/" + share + "/held-by-" + localAddress + "-" + i + ".txt",
                    held.context);
            OutputStream out = f.openOutputStream();
            out.write(("held open by " + localAddress + "\n").getBytes());
            out.flush();
            held.open.add(out);
            held.open.add(f);
        }
        if (files == 0) {
            new SmbFile("smb://" + server + "/" + share + "/", held.context).exists();
        }
        return held;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HoldSessions SERVER [--null ADDR]... [--user ADDR:USER:SHARE:FILES]... [--seconds N]");
            System.exit(2);
        }
        String server = args[0];
        List<Held> held = new ArrayList<>();
        long seconds = -1;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--null" -> held.add(nullSession(server, args[++i], "spoolss"));
                case "--user" -> {
                    String[] u = args[++i].split(":", 4);
                    held.add(userSession(server, u[0], u[1], System.getenv("LAB_PASSWORD"), u[2], Integer.parseInt(u[3])));
                }
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        System.out.println("ready: " + held.size() + " sessions held");
        System.out.flush();
        Thread.sleep(seconds < 0 ? Long.MAX_VALUE : seconds * 1000);
        for (Held h : held) {
            h.close();
        }
    }
}
