package smbkit.capture.smb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import smbkit.capture.pcap.Bytes;

/**
 * SMB1 (MS-CIFS, MS-SMB): negotiate, session set-up AndX (NTLMSSP in extended security, or the plain
 * account and domain), tree connect AndX, NT create AndX, close, read and write AndX, Trans on named pipes
 * (TransactNmPipe, and RAP on \PIPE\LANMAN), logoff AndX, each AndX chain followed link by link.
 */
final class Smb1 {

    static final long STATUS_BUFFER_OVERFLOW = 0x80000005L;

    private final SmbConversation c;

    Smb1(SmbConversation c) {
        this.c = c;
    }

    /** A request chain's parts by command, for its response. */
    static final class Request {
        final long time;
        final Map<Integer, Object> parts = new HashMap<>();
        List<String> dialects;
        int tid;

        Request(long time) {
            this.time = time;
        }
    }

    record TransRequest(String name, int function, int fid, int rapOpcode) {}

    static boolean andX(int cmd) {
        return switch (cmd) {
            case 0x73, 0x75, 0xA2, 0x2E, 0x2F, 0x74, 0x24, 0x2D -> true;
            default -> false;
        };
    }

    void message(Bytes m, boolean fromClient, long time) {
        if (m.length() < 33) {
            throw new smbkit.capture.pcap.Malformed("SMB1 message of " + m.length() + " bytes");
        }
        int cmd = m.u8(4);
        long status = m.u32(5);
        boolean response = (m.u8(9) & 0x80) != 0;
        int flags2 = m.u16(10);
        boolean unicode = (flags2 & 0x8000) != 0;
        int tid = m.u16(24);
        int pid = m.u16(26);
        int uid = m.u16(28);
        int mid = m.u16(30);
        long key = 0x1_0000_0000_0000L | (long) pid << 16 | mid;
        Request r;
        if (!response) {
            r = new Request(time);
            r.tid = tid;
            c.pending.put(key, r);
        } else {
            Object p = c.pending.remove(key);
            r = p instanceof Request q ? q : null;
        }
        int at = 32;
        for (int i = 0; i < 16; i++) {
            int wc = m.u8(at);
            Bytes words = m.slice(at + 1, 2 * wc);
            int bc = m.u16(at + 1 + 2 * wc);
            int bytesAt = at + 3 + 2 * wc;
            Bytes bytes = m.slice(bytesAt, Math.min(bc, m.length() - bytesAt));
            if (response) {
                response(m, cmd, status, words, bytes, r, tid, uid, time);
            } else {
                request(m, cmd, words, bytes, bytesAt, unicode, r, time);
            }
            if (!andX(cmd) || wc < 2) {
                break;
            }
            int next = words.u8(0);
            int nextAt = words.u16(2);
            if (next == 0xFF || nextAt <= at || nextAt >= m.length()) {
                break;
            }
            cmd = next;
            at = nextAt;
        }
    }

    private static String string(Bytes m, int at, boolean unicode) {
        if (unicode) {
            return m.utf16z(at + (at % 2));
        }
        return m.asciiz(at);
    }

    private static int stringEnd(Bytes m, int at, boolean unicode) {
        if (unicode) {
            int i = at + (at % 2);
            while (i + 1 < m.length() && (m.u8(i) != 0 || m.u8(i + 1) != 0)) {
                i += 2;
            }
            return i + 2;
        }
        int i = at;
        while (i < m.length() && m.u8(i) != 0) {
            i++;
        }
        return i + 1;
    }

    private void request(Bytes m, int cmd, Bytes words, Bytes bytes, int bytesAt, boolean unicode, Request r, long time) {
        switch (cmd) {
            case 0x72 -> {
                List<String> dialects = new ArrayList<>();
                int i = 0;
                while (i < bytes.length()) {
                    if (bytes.u8(i) != 0x02) {
                        break;
                    }
                    String d = bytes.asciiz(i + 1);
                    dialects.add(d);
                    i += d.getBytes(StandardCharsets.ISO_8859_1).length + 2;
                }
                r.dialects = dialects;
            }
            case 0x73 -> {
                int wc = words.length() / 2;
                if (wc == 12) {
                    int len = words.u16(14);
                    r.parts.put(cmd, Logon.fromBlob(bytes.slice(0, Math.min(len, bytes.length()))));
                } else if (wc == 13) {
                    int oem = words.u16(14);
                    int uni = words.u16(16);
                    int at = bytesAt + oem + uni;
                    String account = string(m, at, unicode);
                    at = stringEnd(m, at, unicode);
                    String domain = string(m, at, unicode);
                    boolean anonymous = account.isEmpty() && uni == 0 && oem <= 1;
                    r.parts.put(cmd, new Logon(anonymous ? "anonymous" : "ntlm", account, domain, null));
                }
            }
            case 0x75 -> {
                int pw = words.u16(6);
                r.parts.put(cmd, string(m, bytesAt + pw, unicode));
            }
            case 0xA2 -> {
                int nameAt = bytesAt;
                r.parts.put(cmd, string(m, nameAt, unicode));
            }
            case 0x04 -> r.parts.put(cmd, words.u16(0));
            case 0x2E -> r.parts.put(cmd, words.u16(4));
            case 0x2F -> {
                int fid = words.u16(4);
                int mode = words.u16(14);
                int len = words.u16(20);
                int off = words.u16(22);
                r.parts.put(cmd, fid);
                SmbConversation.OpenFile f = c.files.get("fid:" + fid);
                if (f != null && f.pipe != null && len > 0 && m.has(off, 1)) {
                    Bytes data = m.slice(off, Math.min(len, m.length() - off));
                    if ((mode & 0x0008) != 0 && data.length() > 2 && data.u8(0) != 5 && data.u8(2) == 5) {
                        data = data.from(2); // a message-mode write starts with the message's length
                    }
                    f.pipe.fromClient(data, time);
                }
            }
            case 0x25 -> {
                int setupCount = words.u8(26);
                int function = setupCount >= 1 ? words.u16(28) : -1;
                int fid = setupCount >= 2 ? words.u16(30) : -1;
                String name = string(m, bytesAt, unicode);
                int paramCount = words.u16(18);
                int paramOff = words.u16(20);
                int dataCount = words.u16(22);
                int dataOff = words.u16(24);
                int rap = -1;
                if (name.toUpperCase(java.util.Locale.ROOT).endsWith("\\LANMAN") && paramCount >= 2 && m.has(paramOff, 2)) {
                    byte[] params = m.copy(paramOff, 2);
                    rap = smbkit.rpc.rap.Rap.opcode(params, 0, params.length);
                }
                r.parts.put(cmd, new TransRequest(name, function, fid, rap));
                if (function == 0x26 && dataCount > 0) {
                    SmbConversation.OpenFile f = c.files.get("fid:" + fid);
                    if (f != null && f.pipe != null && m.has(dataOff, 1)) {
                        f.pipe.fromClient(m.slice(dataOff, Math.min(dataCount, m.length() - dataOff)), time);
                    }
                }
            }
            default -> {
                // nothing else changes the report
            }
        }
    }

    private void response(Bytes m, int cmd, long status, Bytes words, Bytes bytes, Request r, int tid, int uid, long time) {
        boolean ok = status == 0;
        switch (cmd) {
            case 0x72 -> {
                if (ok && words.length() >= 2 && r != null && r.dialects != null) {
                    int i = words.u16(0);
                    if (i < r.dialects.size()) {
                        c.negotiated(r.dialects.get(i), "smb1");
                    }
                }
            }
            case 0x73 -> {
                SmbSession s = c.session(uid, r != null ? r.time : time, "smb1");
                Object l = r == null ? null : r.parts.get(cmd);
                if (l instanceof Logon logon) {
                    s.auth = logon.auth();
                    s.user = logon.user();
                    s.domain = logon.domain();
                    s.workstation = logon.workstation();
                }
                if (s.setupReply(status, time)) {
                    s.guest = words.length() >= 6 && (words.u16(4) & 1) != 0;
                }
            }
            case 0x74 -> {
                if (ok) {
                    c.session(uid, time, "smb1").end(time, "logoff");
                }
            }
            case 0x75 -> {
                if (ok && r != null && r.parts.get(cmd) instanceof String path) {
                    c.trees.put((long) tid, path);
                    SmbSession.addCapped(c.session(uid, time, "smb1").trees, path);
                }
            }
            case 0x71 -> {
                if (ok) {
                    c.trees.remove((long) tid);
                }
            }
            case 0xA2 -> {
                if (ok && words.length() >= 7 && r != null && r.parts.get(cmd) instanceof String name) {
                    int fid = words.u16(5);
                    c.opened("fid:" + fid, name, c.trees.get((long) (r.tid != 0 ? r.tid : tid)), c.session(uid, time, "smb1"));
                }
            }
            case 0x04 -> {
                if (ok && r != null && r.parts.get(cmd) instanceof Integer fid) {
                    c.closedFile("fid:" + fid, time);
                }
            }
            case 0x2E -> {
                if ((ok || status == STATUS_BUFFER_OVERFLOW) && r != null && r.parts.get(cmd) instanceof Integer fid
                        && words.length() >= 14) {
                    SmbConversation.OpenFile f = c.files.get("fid:" + fid);
                    int len = words.u16(10);
                    int off = words.u16(12);
                    if (f != null && f.pipe != null && len > 0 && m.has(off, 1)) {
                        f.pipe.fromServer(m.slice(off, Math.min(len, m.length() - off)), time);
                    }
                }
            }
            case 0x25 -> {
                if ((ok || status == STATUS_BUFFER_OVERFLOW) && r != null && r.parts.get(cmd) instanceof TransRequest t
                        && words.length() >= 20) {
                    SmbSession s = c.session(uid, time, "smb1");
                    if (t.rapOpcode() >= 0) {
                        SmbSession.addCapped(s.pipes, "\\PIPE\\LANMAN");
                        s.call("RAP " + smbkit.rpc.rap.Rap.name(t.rapOpcode()));
                    }
                    if (t.function() == 0x26) {
                        SmbConversation.OpenFile f = c.files.get("fid:" + t.fid());
                        int len = words.u16(12);
                        int off = words.u16(14);
                        if (f != null && f.pipe != null && len > 0 && m.has(off, 1)) {
                            f.pipe.fromServer(m.slice(off, Math.min(len, m.length() - off)), time);
                        }
                    }
                }
            }
            default -> {
                // nothing else changes the report
            }
        }
    }
}
