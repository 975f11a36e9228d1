package smbkit.lab;

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
 * Plays the KB's clients against the lab, each from its own 127.0.0.x address so the server sees distinct
 * client computers: a NULL session that keeps {@code \PIPE\spoolss} open, as the print spooler's RPC does,
 * and an authenticated user with files open on a share. Used in-process by the tests and by
 * tests/lab/HoldSessions.java for the lab's scenario.
 */
public final class SessionHolder implements AutoCloseable {

    private final CIFSContext context;
    private final List<AutoCloseable> open = new ArrayList<>();
    private SmbPipeHandle pipe;
    private final List<jcifs.smb.SmbFileOutputStream> files = new ArrayList<>();

    private SessionHolder(CIFSContext context) {
        this.context = context;
    }

    private static CIFSContext context(String localAddress) throws Exception {
        return context(localAddress, false);
    }

    /** With {@code smb1}, the client speaks NT LM 0.12 only, as NT 4.0, 2000 and XP do. */
    private static CIFSContext context(String localAddress, boolean smb1) throws Exception {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", smb1 ? "SMB1" : "SMB202");
        p.setProperty("jcifs.smb.client.maxVersion", smb1 ? "SMB1" : "SMB311");
        p.setProperty("jcifs.smb.client.laddr", localAddress);
        p.setProperty("jcifs.smb.client.dfs.disabled", "true");
        p.setProperty("jcifs.resolveOrder", "DNS");
        // Held sessions must outlive jcifs's idle timer, as a spooler's do.
        p.setProperty("jcifs.smb.client.disableIdleTimeout", "true");
        return new BaseContext(new PropertyConfiguration(p));
    }

    /** A NULL session from {@code localAddress} holding {@code \PIPE\<pipe>} open. */
    public static SessionHolder nullSession(String server, String localAddress, String pipe) throws Exception {
        return nullSession(server, localAddress, pipe, false);
    }

    /** The same, over SMB1 when {@code smb1}. */
    public static SessionHolder nullSession(String server, String localAddress, String pipe, boolean smb1) throws Exception {
        SessionHolder held = new SessionHolder(context(localAddress, smb1).withAnonymousCredentials());
        SmbNamedPipe np = new SmbNamedPipe("smb://" + server + "/IPC$/" + pipe,
                SmbPipeResource.PIPE_TYPE_RDWR | SmbPipeResource.PIPE_TYPE_TRANSACT, held.context);
        SmbPipeHandle handle = np.openPipe();
        handle.getOutput(); // opens the pipe on the server now
        held.pipe = handle;
        held.open.add(handle);
        held.open.add(np);
        return held;
    }

    /** An authenticated session from {@code localAddress} holding {@code files} files open on {@code share}. */
    public static SessionHolder userSession(String server, String localAddress, String user, String password,
            String share, int files) throws Exception {
        return userSession(server, localAddress, user, password, share, files, false);
    }

    /** The same, over SMB1 when {@code smb1}. */
    public static SessionHolder userSession(String server, String localAddress, String user, String password,
            String share, int files, boolean smb1) throws Exception {
        SessionHolder held = new SessionHolder(
                context(localAddress, smb1).withCredentials(new NtlmPasswordAuthenticator(null, user, password)));
        for (int i = 1; i <= files; i++) {
            SmbFile f = new SmbFile("smb://" + server + "/" + share + "/held-by-" + localAddress + "-" + i + ".txt",
                    held.context);
            OutputStream out = f.openOutputStream();
            out.write(("held open by " + localAddress + "\n").getBytes());
            out.flush();
            held.files.add((jcifs.smb.SmbFileOutputStream) out);
            held.open.add(out);
            held.open.add(f);
        }
        if (files == 0) {
            new SmbFile("smb://" + server + "/" + share + "/", held.context).exists();
        }
        return held;
    }

    /** Whether the server still has the session: false once it was closed on the server's side. */
    public boolean isAlive() {
        return (pipe == null || !pipe.isStale()) && files.stream().allMatch(jcifs.smb.SmbFileOutputStream::isOpen);
    }

    /** Writes to the held files: they are still open and usable. */
    public void touch() throws java.io.IOException {
        for (jcifs.smb.SmbFileOutputStream out : files) {
            out.write("still here\n".getBytes());
            out.flush();
        }
    }

    /** Closes what it holds and ends the session. */
    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // the server may have ended the session already
            }
        }
        context.close();
    }
}
