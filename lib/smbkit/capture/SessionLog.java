package smbkit.capture;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import smbkit.capture.dcerpc.SpoolssHandle;
import smbkit.capture.smb.SmbSession;
import smbkit.io.SafeFiles;

/**
 * The capture's finished sessions, in bounded memory whatever the capture's size: the first
 * {@link #IN_MEMORY} are kept as they are (a capture of that many sessions is reported in the order they
 * began); past that, every session is written to a spill file (in smbkit's private state directory, else the
 * system's temporary directory; new, owner-only, deleted when the log is closed or the JVM exits) and read
 * back one at a time for each view, in the order the sessions were finished (their connection closed).
 */
public final class SessionLog implements Iterable<SmbSession>, AutoCloseable {

    public static final int IN_MEMORY = 4096;

    private final List<SmbSession> memory = new ArrayList<>();
    private final int inMemory;
    private Path spill;
    private DataOutputStream out;
    private long spilled;
    private boolean sorted;

    public SessionLog() {
        this(IN_MEMORY);
    }

    public SessionLog(int inMemory) {
        this.inMemory = inMemory;
    }

    /** A session whose connection is over: it will not change again. */
    public void add(SmbSession s) {
        if (spill == null && memory.size() < inMemory) {
            memory.add(s);
            return;
        }
        try {
            if (out == null) {
                open();
            }
            write(out, s);
            spilled++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capture's spill file " + spill + ": " + e.getMessage(), e);
        }
    }

    private static volatile Path dir;

    /** smbkit's private state directory (found once), else the system's temporary directory. */
    private static Path dir() {
        Path d = dir;
        if (d == null) {
            try {
                d = SafeFiles.stateDir();
            } catch (RuntimeException e) {
                d = Path.of(System.getProperty("java.io.tmpdir"));
            }
            dir = d;
        }
        return d;
    }

    private void open() throws IOException {
        Path dir = dir();
        try {
            spill = Files.createTempFile(dir, "capture-", ".spill",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            spill = Files.createTempFile(dir, "capture-", ".spill");
        }
        spill.toFile().deleteOnExit();
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill, StandardOpenOption.WRITE), 1 << 16));
    }

    public long size() {
        return memory.size() + spilled;
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** How many sessions went to the spill file (0: all in memory). */
    public long spilled() {
        return spilled;
    }

    /** Every session: the ones in memory, then the spilled ones read back one at a time. */
    @Override
    public Iterator<SmbSession> iterator() {
        if (spill == null && !sorted) {
            memory.sort(Comparator.comparingLong(s -> s.seq));
            sorted = true;
        }
        Iterator<SmbSession> mem = List.copyOf(memory).iterator();
        if (spill == null) {
            return mem;
        }
        try {
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16));
            long total = spilled;
            return new Iterator<>() {
                long read;

                @Override
                public boolean hasNext() {
                    if (mem.hasNext()) {
                        return true;
                    }
                    if (read < total) {
                        return true;
                    }
                    closeQuietly(in);
                    return false;
                }

                @Override
                public SmbSession next() {
                    if (mem.hasNext()) {
                        return mem.next();
                    }
                    if (read >= total) {
                        throw new NoSuchElementException();
                    }
                    try {
                        read++;
                        return SessionLog.read(in);
                    } catch (IOException e) {
                        closeQuietly(in);
                        throw new UncheckedIOException("cannot read back the capture's spill file: " + e.getMessage(), e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the capture's spill file: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // read only
        }
    }

    /** Removes the spill file. */
    @Override
    public void close() {
        if (spill != null) {
            try {
                out.close();
            } catch (IOException e) {
                // removed below all the same
            }
            try {
                Files.deleteIfExists(spill);
            } catch (IOException e) {
                // deleted on exit
            }
        }
    }

    Path spillFile() {
        return spill;
    }

    // the record: every field of the session and its handles

    private static void str(DataOutputStream o, String s) throws IOException {
        if (s == null) {
            o.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.writeInt(b.length);
        o.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void strs(DataOutputStream o, Collection<String> c) throws IOException {
        o.writeInt(c.size());
        for (String s : c) {
            str(o, s);
        }
    }

    private static void strs(DataInputStream in, Collection<String> into) throws IOException {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            into.add(str(in));
        }
    }

    private static void nullableLong(DataOutputStream o, Long v) throws IOException {
        o.writeBoolean(v != null);
        if (v != null) {
            o.writeLong(v);
        }
    }

    private static Long nullableLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    static void write(DataOutputStream o, SmbSession s) throws IOException {
        str(o, s.client);
        o.writeInt(s.clientPort);
        str(o, s.server);
        o.writeInt(s.serverPort);
        o.writeLong(s.sessionId);
        str(o, s.protocol);
        o.writeLong(s.startNanos);
        o.writeLong(s.seq);
        str(o, s.dialect);
        nullableLong(o, s.endNanos);
        str(o, s.endReason);
        str(o, s.auth);
        str(o, s.user);
        str(o, s.domain);
        str(o, s.workstation);
        str(o, s.logon);
        o.writeBoolean(s.guest);
        o.writeBoolean(s.encrypted);
        o.writeLong(s.encryptedMessages);
        o.writeBoolean(s.evicted);
        strs(o, s.trees);
        strs(o, s.pipes);
        strs(o, s.files);
        strs(o, s.interfaces);
        strs(o, s.rejectedInterfaces);
        strs(o, s.interfaceUuids);
        o.writeInt(s.calls.size());
        for (Map.Entry<String, Long> e : s.calls.entrySet()) {
            str(o, e.getKey());
            o.writeLong(e.getValue());
        }
        o.writeInt(s.handles.size());
        for (SpoolssHandle h : s.handles) {
            str(o, h.handle);
            str(o, h.openedBy);
            str(o, h.printer);
            str(o, h.clientMachine);
            str(o, h.clientUser);
            o.writeLong(h.openedNanos);
            nullableLong(o, h.closedNanos);
            str(o, h.closedBy);
            o.writeBoolean(h.notifications);
            str(o, h.notifyMachine);
        }
        strs(o, s.notes);
    }

    static SmbSession read(DataInputStream in) throws IOException {
        try {
            SmbSession s = new SmbSession(str(in), in.readInt(), str(in), in.readInt(), in.readLong(), str(in), in.readLong());
            s.seq = in.readLong();
            s.dialect = str(in);
            s.endNanos = nullableLong(in);
            s.endReason = str(in);
            s.auth = str(in);
            s.user = str(in);
            s.domain = str(in);
            s.workstation = str(in);
            s.logon = str(in);
            s.guest = in.readBoolean();
            s.encrypted = in.readBoolean();
            s.encryptedMessages = in.readLong();
            s.evicted = in.readBoolean();
            strs(in, s.trees);
            strs(in, s.pipes);
            strs(in, s.files);
            strs(in, s.interfaces);
            strs(in, s.rejectedInterfaces);
            strs(in, s.interfaceUuids);
            int calls = in.readInt();
            for (int i = 0; i < calls; i++) {
                s.calls.put(str(in), in.readLong());
            }
            int handles = in.readInt();
            for (int i = 0; i < handles; i++) {
                SpoolssHandle h = new SpoolssHandle(str(in), str(in), str(in), str(in), str(in), in.readLong());
                h.closedNanos = nullableLong(in);
                h.closedBy = str(in);
                h.notifications = in.readBoolean();
                h.notifyMachine = str(in);
                s.handles.add(h);
            }
            strs(in, s.notes);
            return s;
        } catch (EOFException e) {
            throw new IOException("the spill file ends early", e);
        }
    }
}
