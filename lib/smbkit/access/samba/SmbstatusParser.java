package smbkit.access.samba;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.Session;

/**
 * {@code smbstatus --json} as smbkit's model, shaped like the remote path's listing of the same server:
 * client names without backslashes, file paths as "C:" plus the unix path with backslashes, a NULL session
 * as the guest account flagged SESS_GUEST.
 */
public final class SmbstatusParser {

    private SmbstatusParser() {}

    /** One smbd process's session, with the pid that ties files and tree connects to it. */
    record RawSession(String id, long pid, long uid, String user, String client, String dialect) {}

    record RawTcon(String id, String sessionId, long pid, String service, String machine, Instant connectedAt) {}

    record RawOpen(long pid, long uid, long shareFileId, long accessMask, String path, String service) {}

    /** Everything smbstatus said, parsed once. */
    public record Status(List<RawSession> sessions, List<RawTcon> tcons, List<RawOpen> opens, Instant at) {

        public List<Session> sessionList(String guestAccount) {
            List<Session> out = new ArrayList<>();
            for (RawSession s : sessions) {
                Instant start = tcons.stream().filter(t -> t.sessionId().equals(s.id()) || t.pid() == s.pid())
                        .map(RawTcon::connectedAt).min(Instant::compareTo).orElse(null);
                long opens = this.opens.stream().filter(o -> o.pid() == s.pid()).count();
                boolean guest = guestAccount != null && guestAccount.equalsIgnoreCase(s.user());
                out.add(new Session(s.client(), s.user(), opens,
                        start == null ? null : Math.max(0, Duration.between(start, at).toSeconds()), null,
                        guest ? 1L : 0L, null, s.dialect()));
            }
            return out;
        }

        public List<OpenFile> files() {
            List<OpenFile> out = new ArrayList<>();
            for (RawOpen o : opens) {
                String user = sessions.stream().filter(s -> s.pid() == o.pid()).map(RawSession::user).findFirst().orElse(null);
                out.add(new OpenFile((o.pid() << 20) | (o.shareFileId() & 0xFFFFF), o.accessMask() & 0x3, 0L,
                        windowsPath(o.path()), user));
            }
            return out;
        }

        /** Tree connects to a share (qualifier = share name) or of a client (qualifier = \\client). */
        public List<Connection> connections(String qualifier) {
            boolean client = qualifier.startsWith("\\\\");
            String q = client ? qualifier.substring(2) : qualifier;
            List<Connection> out = new ArrayList<>();
            for (RawTcon t : tcons) {
                if (client ? !t.machine().equalsIgnoreCase(q) : !t.service().equalsIgnoreCase(q)) {
                    continue;
                }
                String user = sessions.stream().filter(s -> s.id().equals(t.sessionId()) || s.pid() == t.pid())
                        .map(RawSession::user).findFirst().orElse(null);
                long opens = this.opens.stream().filter(o -> o.pid() == t.pid() && t.service().equalsIgnoreCase(o.service())).count();
                out.add(new Connection(qualifier, Long.parseLong(t.id()) & 0xFFFFFFFFL, t.service().equalsIgnoreCase("IPC$") ? 3L : 0L,
                        opens, 1L, t.connectedAt() == null ? null : Math.max(0, Duration.between(t.connectedAt(), at).toSeconds()),
                        user, client ? t.service() : t.machine()));
            }
            return out;
        }

        /** Tree connects per share, for current-use counts. */
        public Map<String, Long> usesByShare() {
            Map<String, Long> out = new LinkedHashMap<>();
            tcons.forEach(t -> out.merge(t.service().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
            return out;
        }
    }

    /** "C:" and the unix path with backslashes, as Samba's srvsvc reports it. */
    static String windowsPath(String unix) {
        return "C:" + unix.replace('/', '\\');
    }

    @SuppressWarnings("unchecked")
    public static Status parse(String json) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(json);
        } catch (Exception e) {
            throw new SmbkitException(Failure.MALFORMED_REPLY, "smbstatus --json printed something that is not JSON: " + e.getMessage(),
                    "Samba 4.16 or later is needed for smbstatus --json", e);
        }
        Instant at = root.get("timestamp") == null ? Instant.now() : time((String) root.get("timestamp"));
        List<RawSession> sessions = new ArrayList<>();
        for (Object o : values(root.get("sessions"))) {
            Map<String, Object> s = (Map<String, Object>) o;
            sessions.add(new RawSession(String.valueOf(s.get("session_id")), pid(s), num(s.get("uid")), (String) s.get("username"),
                    (String) s.get("remote_machine"), (String) s.get("session_dialect")));
        }
        List<RawTcon> tcons = new ArrayList<>();
        for (Object o : values(root.get("tcons"))) {
            Map<String, Object> t = (Map<String, Object>) o;
            tcons.add(new RawTcon(String.valueOf(t.get("tcon_id")), String.valueOf(t.get("session_id")), pid(t),
                    (String) t.get("service"), (String) t.get("machine"),
                    t.get("connected_at") == null ? null : time((String) t.get("connected_at"))));
        }
        List<RawOpen> opens = new ArrayList<>();
        for (Object o : values(root.get("open_files"))) {
            Map<String, Object> f = (Map<String, Object>) o;
            String servicePath = (String) f.get("service_path");
            String path = servicePath + "/" + f.get("filename");
            for (Object e : values(f.get("opens"))) {
                Map<String, Object> open = (Map<String, Object>) e;
                Map<String, Object> mask = (Map<String, Object>) open.get("access_mask");
                long pid = pid(open);
                // The share a file is open on: the process's tree connect other than IPC$.
                String svc = tcons.stream().filter(t -> t.pid() == pid && !t.service().equalsIgnoreCase("IPC$"))
                        .map(RawTcon::service).findFirst().orElse(null);
                opens.add(new RawOpen(pid, num(open.get("uid")), num(open.get("share_file_id")),
                        mask == null ? 0 : Long.decode(String.valueOf(mask.get("hex"))), path, svc));
            }
        }
        return new Status(sessions, tcons, opens, at);
    }

    private static List<Object> values(Object dictOrList) {
        if (dictOrList instanceof Map<?, ?> m) {
            return new ArrayList<>(m.values());
        }
        if (dictOrList instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static long pid(Map<String, Object> m) {
        Object server = m.get("server_id");
        return server instanceof Map<?, ?> s ? num(((Map<String, Object>) s).get("pid")) : 0;
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return o == null ? 0 : Long.parseLong(String.valueOf(o));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant time(String s) {
        return OffsetDateTime.parse(s.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
    }
}
