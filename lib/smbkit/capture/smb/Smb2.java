package smbkit.capture.smb;

import smbkit.capture.pcap.Bytes;

/**
 * SMB2/3 (MS-SMB2): compounds, async interim responses (STATUS_PENDING), negotiate, session set-up and
 * logoff, tree connect, create and close, and the pipe traffic of write, read and IOCTL
 * FSCTL_PIPE_TRANSCEIVE. A transform header (encrypted SMB3) marks its session encrypted.
 */
final class Smb2 {

    static final long STATUS_PENDING = 0x00000103L;
    static final long STATUS_BUFFER_OVERFLOW = 0x80000005L;
    static final long FSCTL_PIPE_TRANSCEIVE = 0x0011C017L;
    static final String RELATED_FILE = "ffffffffffffffff:ffffffffffffffff";

    private final SmbConversation c;
    /** The file id the last create of a compound returned, for related requests naming "the previous file". */
    private String lastCreated;
    private String lastRequestFile;
    /** The create request earlier in the compound being read, whose file the placeholder id names. */
    private Request compoundCreate;
    /** Bounds on pipe data waiting for its create's answer (a write of one DCE/RPC PDU is a few KiB). */
    static final int MAX_DEFERRED = 1 << 16;
    static final int MAX_DEFERRED_TOTAL = 4 << 20;
    private long deferredBytes;

    Smb2(SmbConversation c) {
        this.c = c;
    }

    /** What a request said that its response needs. */
    static final class Request {
        int command;
        long time;
        long sessionId;
        long treeId;
        String file;
        String name;
        Logon logon;
        /** A related request on the file a create earlier in its compound opens: known once that create is answered. */
        Request create;
        /** For a create: the file id its response returned. */
        String createdId;
        /** Pipe data a related write or transceive carried before its create was answered, delivered then. */
        byte[] deferred;
    }

    void message(Bytes m, boolean fromClient, long time) {
        int magic = m.u8(0);
        if (magic == 0xFD) {
            long sid = m.u64(44);
            SmbSession s = c.session(sid, time, "smb2");
            s.encrypted = true;
            s.encryptedMessages++;
            return;
        }
        if (magic == 0xFC) {
            return; // compressed (SMB 3.1.1): not decoded
        }
        int at = 0;
        compoundCreate = null;
        for (int i = 0; i < 64 && at < m.length(); i++) {
            Bytes h = m.from(at);
            if (h.u16(4) != 64) {
                throw new smbkit.capture.pcap.Malformed("SMB2 header size " + h.u16(4));
            }
            long next = h.u32(20);
            Bytes cmd = next == 0 ? h : h.slice(0, (int) Math.min(next, h.length()));
            command(cmd, fromClient, time);
            if (next == 0) {
                break;
            }
            if (next < 64 || next % 8 != 0) {
                throw new smbkit.capture.pcap.Malformed("SMB2 next command at " + next);
            }
            at += (int) next;
        }
    }

    private static String fileId(Bytes b, int at) {
        return String.format("%016x:%016x", b.u64(at), b.u64(at + 8));
    }

    private void command(Bytes h, boolean fromClient, long time) {
        long status = h.u32(8);
        int command = h.u16(12);
        long flags = h.u32(16);
        boolean response = (flags & 1) != 0;
        boolean async = (flags & 2) != 0;
        boolean related = (flags & 4) != 0;
        long messageId = h.u64(24);
        long treeId = async ? -1 : h.u32(36);
        long sessionId = h.u64(40);
        Bytes body = h.from(64);
        if (!response) {
            request(h, body, command, messageId, treeId, sessionId, related, time);
            return;
        }
        if (status == STATUS_PENDING && async) {
            return; // an interim response: the final one comes with the same message id
        }
        Object p = c.pending.remove(messageId);
        Request r = p instanceof Request q ? q : null;
        resolveCreate(r, time);
        response(h, body, command, status, r, treeId, sessionId, time);
    }

    private String resolve(String file, boolean related) {
        if (RELATED_FILE.equals(file) || (related && file == null)) {
            return lastRequestFile;
        }
        return file;
    }

    private void request(Bytes h, Bytes body, int command, long messageId, long treeId, long sessionId,
                         boolean related, long time) {
        Request r = new Request();
        r.command = command;
        r.time = time;
        r.sessionId = sessionId;
        r.treeId = treeId;
        if (!related) {
            compoundCreate = null;
        }
        switch (command) {
            case 1 -> {
                int off = body.u16(12);
                int len = body.u16(14);
                if (len > 0 && h.has(off, len)) {
                    r.logon = Logon.fromBlob(h.slice(off, len));
                }
            }
            case 3 -> {
                int off = body.u16(4);
                int len = body.u16(6);
                r.name = h.utf16(off, len);
            }
            case 5 -> {
                int off = body.u16(44);
                int len = body.u16(46);
                r.name = len == 0 ? "" : h.utf16(off, len);
                lastRequestFile = RELATED_FILE;
                compoundCreate = r;
            }
            case 6 -> r.file = file(r, fileId(body, 8), related);
            case 8 -> r.file = file(r, fileId(body, 16), related);
            case 9 -> {
                r.file = file(r, fileId(body, 16), related);
                int off = body.u16(2);
                long len = body.u32(4);
                clientData(r, h, off, len, time);
            }
            case 11 -> {
                long ctl = body.u32(4);
                r.file = file(r, fileId(body, 8), related);
                if (ctl == FSCTL_PIPE_TRANSCEIVE) {
                    clientData(r, h, (int) body.u32(24), body.u32(28), time);
                } else {
                    r.file = null;
                    r.command = -1;
                }
            }
            default -> {
                // other commands: only their session and tree matter, which the header says
            }
        }
        if (command != 5 && r.file != null) {
            lastRequestFile = r.file;
        }
        c.pending.put(messageId, r);
    }

    /**
     * The file a request names: a related request with the placeholder id (all ones) after a create in the
     * same compound names that create's file, which only its response tells: the request waits for it.
     */
    private String file(Request r, String id, boolean related) {
        if (related && compoundCreate != null && (RELATED_FILE.equals(id) || id == null)) {
            r.create = compoundCreate;
            return null;
        }
        return resolve(id, related);
    }

    private void clientData(Request r, Bytes h, int off, long len, long time) {
        if (r.create == null) {
            pipeData(r.file, h, off, len, true, time);
            return;
        }
        int n = (int) Math.min(len, h.length() - (long) off);
        if (off >= 0 && n > 0 && n <= MAX_DEFERRED && deferredBytes + n <= MAX_DEFERRED_TOTAL) {
            r.deferred = h.copy(off, n);
            deferredBytes += n;
        }
    }

    /** A related request's file, once the create before it in the compound was answered; its data then. */
    private void resolveCreate(Request r, long time) {
        if (r == null || r.create == null) {
            return;
        }
        r.file = r.create.createdId;
        r.create = null;
        byte[] d = r.deferred;
        r.deferred = null;
        if (d != null) {
            deferredBytes -= d.length;
            if (r.file != null) {
                pipeData(r.file, new Bytes(d), 0, d.length, true, r.time);
            }
        }
    }

    private void pipeData(String file, Bytes h, int off, long len, boolean fromClient, long time) {
        if (file == null || len <= 0) {
            return;
        }
        SmbConversation.OpenFile f = c.files.get(file);
        if (f == null && RELATED_FILE.equals(file)) {
            f = c.files.get(lastCreated);
        }
        if (f == null || f.pipe == null) {
            return;
        }
        int n = (int) Math.min(len, h.length() - off);
        if (off < 0 || n <= 0) {
            return;
        }
        Bytes data = h.slice(off, n);
        if (fromClient) {
            f.pipe.fromClient(data, time);
        } else {
            f.pipe.fromServer(data, time);
        }
    }

    private void response(Bytes h, Bytes body, int command, long status, Request r, long treeId, long sessionId,
                          long time) {
        switch (command) {
            case 0 -> {
                if (status == 0) {
                    c.negotiated(dialect(body.u16(4)), "smb2");
                }
            }
            case 1 -> {
                SmbSession s = c.session(sessionId, r != null ? r.time : time, "smb2");
                if (r != null && r.logon != null) {
                    s.auth = r.logon.auth();
                    s.user = r.logon.user();
                    s.domain = r.logon.domain();
                    s.workstation = r.logon.workstation();
                }
                if (s.setupReply(status, time)) {
                    int sflags = body.u16(2);
                    s.guest = (sflags & 1) != 0;
                    if ((sflags & 4) != 0) {
                        s.encrypted = true;
                    }
                    if (s.auth == null && r != null && (sflags & 2) != 0) {
                        s.auth = "anonymous"; // only when nothing better was seen: Samba never sets the flag
                    }
                }
            }
            case 2 -> {
                if (status == 0) {
                    c.session(sessionId, time, "smb2").end(time, "logoff");
                }
            }
            case 3 -> {
                if (status == 0 && r != null && r.name != null) {
                    c.trees.put(treeId, r.name);
                    SmbSession.addCapped(c.session(sessionId, time, "smb2").trees, r.name);
                }
            }
            case 4 -> {
                if (status == 0 && r != null) {
                    c.trees.remove(r.treeId);
                }
            }
            case 5 -> {
                if (status == 0 && r != null) {
                    String id = fileId(body, 64);
                    lastCreated = id;
                    r.createdId = id;
                    c.opened(id, r.name, c.trees.get(r.treeId), c.session(sessionId, time, "smb2"));
                }
            }
            case 6 -> {
                if (status == 0 && r != null && r.file != null) {
                    c.closedFile(RELATED_FILE.equals(r.file) ? lastCreated : r.file, time);
                }
            }
            case 8 -> {
                if ((status == 0 || status == STATUS_BUFFER_OVERFLOW) && r != null) {
                    pipeData(r.file, h, body.u8(2), body.u32(4), false, time);
                }
            }
            case 11 -> {
                if ((status == 0 || status == STATUS_BUFFER_OVERFLOW) && r != null && r.command == 11) {
                    pipeData(r.file, h, (int) body.u32(32), body.u32(36), false, time);
                }
            }
            default -> {
                // nothing else changes the report
            }
        }
    }

    static String dialect(int d) {
        return switch (d) {
            case 0x0202 -> "2.0.2";
            case 0x0210 -> "2.1";
            case 0x0300 -> "3.0";
            case 0x0302 -> "3.0.2";
            case 0x0311 -> "3.1.1";
            case 0x02FF -> "2.x (multi-protocol negotiate)";
            default -> String.format("0x%04x", d);
        };
    }
}
