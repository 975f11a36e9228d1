package smbkit.capture.smb;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import smbkit.capture.dcerpc.PipeTraffic;
import smbkit.capture.net.StreamSink;
import smbkit.capture.net.TcpStreams;
import smbkit.capture.pcap.Bytes;
import smbkit.capture.pcap.Malformed;

/**
 * One TCP connection to an SMB server, decoded: its two directions framed into messages, SMB1 or SMB2/3 by
 * their protocol id, with the state both need (sessions by id, trees, open files and pipes, requests
 * waiting for their responses). Each session is handed to the report when the connection is over (closed,
 * evicted or at the capture's end), when it will not change again; a connection holding more than
 * {@link #MAX_SESSIONS} hands its ended ones over early.
 */
public final class SmbConversation extends TcpStreams.Connection {

    static final int MAX_PENDING = 4096;
    static final int MAX_FILES = 4096;
    /** Sessions one connection keeps; past it, the ended ones (then the oldest) go to the report early. */
    static final int MAX_SESSIONS = 64;

    final String client;
    final int clientPort;
    final String server;
    final int serverPort;
    final long openedNanos;
    final boolean sawSyn;
    private final Consumer<SmbSession> report;
    private final NetBiosFramer up;
    private final NetBiosFramer down;

    String dialect;
    String protocol;
    final Map<Long, SmbSession> sessions = new LinkedHashMap<>();
    final Map<Long, String> trees = new HashMap<>();
    final Map<String, OpenFile> files = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenFile> e) {
            return size() > MAX_FILES;
        }
    };
    final Map<Long, Object> pending = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Object> e) {
            return size() > MAX_PENDING;
        }
    };
    long undecodable;
    long internalErrors;
    String lastError;
    final Smb2 smb2 = new Smb2(this);
    final Smb1 smb1 = new Smb1(this);

    /** A file or pipe the server opened, by its id. */
    static final class OpenFile {
        final String name;
        final SmbSession session;
        final PipeTraffic pipe;

        OpenFile(String name, SmbSession session, PipeTraffic pipe) {
            this.name = name;
            this.session = session;
            this.pipe = pipe;
        }
    }

    public SmbConversation(String client, int clientPort, String server, int serverPort, long openedNanos,
                           boolean sawSyn, Consumer<SmbSession> report) {
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
        this.openedNanos = openedNanos;
        this.sawSyn = sawSyn;
        this.report = report;
        this.up = new NetBiosFramer((m, cut, t, f) -> message(m, true, cut, t), !sawSyn);
        this.down = new NetBiosFramer((m, cut, t, f) -> message(m, false, cut, t), !sawSyn);
    }

    @Override
    public StreamSink toServer() {
        return up;
    }

    @Override
    public StreamSink toClient() {
        return down;
    }

    public String client() {
        return client;
    }

    public String server() {
        return server;
    }

    public int clientPort() {
        return clientPort;
    }

    public int serverPort() {
        return serverPort;
    }

    public boolean sawSyn() {
        return sawSyn;
    }

    public long garbageBytes() {
        return up.garbageBytes() + down.garbageBytes();
    }

    public int gaps() {
        return up.gaps() + down.gaps();
    }

    public long gapBytes() {
        return up.gapBytes() + down.gapBytes();
    }

    public long undecodable() {
        return undecodable;
    }

    /** Messages a decoder failed on in a way it did not foresee (a bug, never the input's fault). */
    public long internalErrors() {
        return internalErrors;
    }

    public String lastError() {
        return lastError;
    }

    public int sessionCount() {
        return sessions.size();
    }

    private void message(Bytes m, boolean fromClient, boolean cut, long time) {
        try {
            int magic = m.u8(0);
            if (magic == 0xFE || magic == 0xFD || magic == 0xFC) {
                smb2.message(m, fromClient, time);
            } else if (magic == 0xFF) {
                smb1.message(m, fromClient, time);
            }
        } catch (Malformed e) {
            undecodable++;
            lastError = e.getMessage();
        } catch (smbkit.SmbkitException e) {
            throw e; // the report cannot be written (its spill file): not the message's fault
        } catch (RuntimeException e) {
            // a decoder bug must not end the analysis: the message is counted, the tests look for these
            undecodable++;
            internalErrors++;
            lastError = "unexpected " + e;
        }
    }

    SmbSession session(long id, long time, String proto) {
        SmbSession s = sessions.get(id);
        if (s == null) {
            if (sessions.size() >= MAX_SESSIONS) {
                retire();
            }
            s = new SmbSession(client, clientPort, server, serverPort, id, proto, time);
            s.dialect = dialect;
            if (!sawSyn && sessions.isEmpty()) {
                s.note("the capture starts inside this connection: its set-up was not captured");
            }
            sessions.put(id, s);
        }
        return s;
    }

    long retired;

    /** Hands the ended sessions to the report (or the oldest, when none ended) to keep the map bounded. */
    private void retire() {
        boolean any = false;
        for (java.util.Iterator<SmbSession> it = sessions.values().iterator(); it.hasNext(); ) {
            SmbSession s = it.next();
            if (s.endNanos != null) {
                it.remove();
                report.accept(s);
                retired++;
                any = true;
            }
        }
        if (!any) {
            java.util.Iterator<SmbSession> it = sessions.values().iterator();
            SmbSession s = it.next();
            it.remove();
            report.accept(s);
            retired++;
        }
    }

    public long retired() {
        return retired;
    }

    void negotiated(String d, String proto) {
        dialect = d;
        protocol = proto;
        for (SmbSession s : sessions.values()) {
            if (s.dialect == null) {
                s.dialect = d;
            }
        }
    }

    static String pipeName(String name) {
        String n = name.replace('/', '\\');
        while (n.startsWith("\\")) {
            n = n.substring(1);
        }
        if (n.regionMatches(true, 0, "PIPE\\", 0, 5)) {
            n = n.substring(5);
        }
        return "\\PIPE\\" + n;
    }

    static boolean isIpc(String treePath) {
        return treePath != null && treePath.toUpperCase(java.util.Locale.ROOT).endsWith("\\IPC$");
    }

    OpenFile opened(String key, String name, String treePath, SmbSession s) {
        OpenFile f;
        if (isIpc(treePath)) {
            String pipe = pipeName(name);
            SmbSession.addCapped(s.pipes, pipe);
            f = new OpenFile(pipe, s, new PipeTraffic(s, pipe));
        } else {
            SmbSession.addCapped(s.files, name);
            f = new OpenFile(name, s, null);
        }
        files.put(key, f);
        return f;
    }

    void closedFile(String key, long time) {
        OpenFile f = files.remove(key);
        if (f != null && f.pipe != null) {
            f.pipe.closed(time);
        }
    }

    /**
     * The TCP connection ended: sessions still open end with it ("TCP close"), or stay open at capture end, or
     * when evicted stay open marked so; all go to the report.
     */
    public void ended(long time, String why) {
        for (SmbSession s : sessions.values()) {
            if ("evicted".equals(why)) {
                s.evicted = s.endNanos == null;
            } else if (!"capture end".equals(why)) {
                s.end(time, "TCP close");
            }
            report.accept(s);
        }
        sessions.clear();
    }
}
