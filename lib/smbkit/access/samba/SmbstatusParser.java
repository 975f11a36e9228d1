package smbkit.access.samba;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionEndpoint;
import smbkit.model.SessionFilter;
import smbkit.model.Share;

/**
 * {@code smbstatus -B --json} as smbkit's model, shaped like Samba's own srvsvc answers about the same server
 * (source3/rpc_server/srvsvc/srv_srvsvc_nt.c) so that local and remote listings compare equal: client names
 * without backslashes, a NULL session as the guest account flagged SESS_GUEST, a session's open count by its
 * process and uid, file ids as (pid << 16 | share_file_id), file paths as "C:" plus the unix path with
 * backslashes, permissions as the access mask's read/write bits, locks as the file's byte-range locks.
 * Where srvsvc sends placeholders (idle time 0, connection data) this gives the truth or null instead.
 */
public final class SmbstatusParser {

    private SmbstatusParser() {}

    /** One session, with the smbd process that serves it and the address it comes from. */
    record RawSession(String id, long pid, long uid, String user, String client, String address, Integer port) {}

    record RawTcon(String id, String sessionId, long pid, String service, String machine, Instant connectedAt) {}

    record RawOpen(long pid, long uid, long shareFileId, long accessMask, String servicePath, String path, int locks) {}

    /** Everything smbstatus said, parsed once. */
    public record Status(List<RawSession> sessions, List<RawTcon> tcons, List<RawOpen> opens, Instant at) {

        /** Sessions as srvsvc level 1 lists them; a session's time starts at its first tree connect. */
        public List<Session> sessionList(String guestAccount) {
            List<Session> out = new ArrayList<>();
            for (RawSession s : sessions) {
                Instant start = tcons.stream().filter(t -> t.sessionId().equals(s.id()) && t.connectedAt() != null)
                        .map(RawTcon::connectedAt).min(Instant::compareTo).orElse(null);
                long opens = this.opens.stream().filter(o -> o.pid() == s.pid() && o.uid() == s.uid()).count();
                boolean guest = guestAccount != null && guestAccount.equalsIgnoreCase(s.user());
                out.add(new Session(s.client(), s.user(), opens, start == null ? null : secondsSince(start), null,
                        guest ? Session.SESS_GUEST : 0L, null, null));
            }
            return out;
        }

        /** Each session (as {@link #sessionList}) with the address and port its client connects from. */
        public List<SessionEndpoint> endpoints(String guestAccount) {
            List<Session> list = sessionList(guestAccount);
            List<SessionEndpoint> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(new SessionEndpoint(list.get(i), sessions.get(i).address(), sessions.get(i).port()));
            }
            return out;
        }

        /** The smbd processes serving the sessions. */
        public List<Long> pids() {
            return sessions.stream().map(RawSession::pid).distinct().toList();
        }

        public List<OpenFile> files() {
            List<OpenFile> out = new ArrayList<>();
            for (RawOpen o : opens) {
                String user = sessions.stream().filter(s -> s.pid() == o.pid() && s.uid() == o.uid()).map(RawSession::user)
                        .findFirst().orElse(null);
                out.add(new OpenFile(((o.pid() << 16) | o.shareFileId()) & 0xFFFFFFFFL, o.accessMask() & READ_WRITE,
                        (long) o.locks(), windowsPath(o.path()), user));
            }
            return out;
        }

        /** The addresses (as kill-client-ip takes them) of the sessions from one client. */
        public List<String> addressesOf(String client) {
            return sessions.stream().filter(s -> SessionFilter.sameClient(s.client(), client) || SessionFilter.sameClient(s.address(), client))
                    .map(RawSession::address).filter(a -> a != null && !a.isEmpty()).distinct().toList();
        }

        /** The smbd processes serving one user's sessions from one client. */
        public List<Long> pidsOf(String client, String user) {
            return sessions.stream()
                    .filter(s -> SessionFilter.sameClient(s.client(), client) || SessionFilter.sameClient(s.address(), client))
                    .filter(s -> SessionFilter.matches(new Session(s.client(), s.user(), null, null, null, null, null, null), null, user))
                    .map(RawSession::pid).distinct().toList();
        }

        /**
         * Tree connects to a share ({@code qualifier} = share name) or of a client ({@code \\client}), with the
         * share's type, and the files its process holds open under the share's path.
         *
         * @param shares the server's shares by {@link Share#key()}, for their types and paths
         */
        public List<Connection> connections(String qualifier, Map<String, Share> shares) {
            boolean byClient = qualifier != null && qualifier.startsWith("\\\\");
            String q = byClient ? SessionFilter.normalize(qualifier) : qualifier;
            List<Connection> out = new ArrayList<>();
            for (RawTcon t : tcons) {
                if (q != null && (byClient ? !SessionFilter.sameClient(t.machine(), q) : !t.service().equalsIgnoreCase(q))) {
                    continue;
                }
                Share share = shares.get(t.service().toLowerCase(Locale.ROOT));
                boolean ipc = t.service().equalsIgnoreCase("IPC$");
                long type = ipc ? Share.STYPE_IPC : share == null ? Share.STYPE_DISKTREE : share.type() & Share.STYPE_MASK;
                String user = sessions.stream().filter(s -> s.id().equals(t.sessionId())).map(RawSession::user).findFirst().orElse(null);
                long opens = ipc ? 0 : this.opens.stream().filter(o -> o.pid() == t.pid())
                        .filter(o -> share == null || windowsPath(o.servicePath()).equalsIgnoreCase(share.path())).count();
                out.add(new Connection(qualifier, Long.parseLong(t.id()) & 0xFFFFFFFFL, type, opens, 1L,
                        t.connectedAt() == null ? null : secondsSince(t.connectedAt()), user, byClient ? t.service() : t.machine()));
            }
            return out;
        }

        /** Tree connects per share (lower-case name), as srvsvc counts a share's current uses. */
        public Map<String, Long> usesByShare() {
            Map<String, Long> out = new LinkedHashMap<>();
            tcons.forEach(t -> out.merge(t.service().toLowerCase(Locale.ROOT), 1L, Long::sum));
            return out;
        }

        private long secondsSince(Instant start) {
            return Math.max(0, Duration.between(start, at).toSeconds());
        }
    }

    /** FILE_READ_DATA | FILE_WRITE_DATA: the bits srvsvc keeps of an open's access mask. */
    static final long READ_WRITE = 0x3;

    /** "C:" and the unix path with backslashes, as Samba's srvsvc reports it. */
    static String windowsPath(String unix) {
        return "C:" + unix.replace('/', '\\');
    }

    /** "ipv4:10.0.0.5:49152" or "ipv6:fe80::1:49152" (smbstatus's hostname) to the bare address. */
    static String address(String hostname) {
        if (hostname == null) {
            return null;
        }
        String h = hostname.replaceFirst("^ipv[46]:", "");
        int port = h.lastIndexOf(':');
        h = port > 0 && hostname.startsWith("ipv") ? h.substring(0, port) : h;
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** The client's port in smbstatus's hostname ("ipv4:10.0.0.5:49152"), or null when it has none. */
    static Integer port(String hostname) {
        if (hostname == null || !hostname.startsWith("ipv")) {
            return null;
        }
        try {
            int p = Integer.parseInt(hostname.substring(hostname.lastIndexOf(':') + 1));
            return p >= 0 && p <= 65535 ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
        if (root == null) {
            throw new SmbkitException(Failure.MALFORMED_REPLY, "smbstatus --json printed nothing",
                    "Samba 4.16 or later is needed for smbstatus --json");
        }
        Instant at = root.get("timestamp") == null ? Instant.now() : time((String) root.get("timestamp"));
        List<RawSession> sessions = new ArrayList<>();
        for (Object o : values(root.get("sessions"))) {
            Map<String, Object> s = (Map<String, Object>) o;
            sessions.add(new RawSession(String.valueOf(s.get("session_id")), pid(s), num(s.get("uid")), (String) s.get("username"),
                    (String) s.get("remote_machine"), address((String) s.get("hostname")), port((String) s.get("hostname"))));
        }
        List<RawTcon> tcons = new ArrayList<>();
        for (Object o : values(root.get("tcons"))) {
            Map<String, Object> t = (Map<String, Object>) o;
            tcons.add(new RawTcon(String.valueOf(t.get("tcon_id")), String.valueOf(t.get("session_id")), pid(t),
                    (String) t.get("service"), (String) t.get("machine"),
                    t.get("connected_at") == null ? null : time((String) t.get("connected_at"))));
        }
        Map<String, Integer> locksByPath = new LinkedHashMap<>();
        ((Map<String, Object>) root.getOrDefault("byte_range_locks", Map.of())).forEach((path, file) ->
                locksByPath.put(path, values(((Map<String, Object>) file).get("locks")).size()));
        List<RawOpen> opens = new ArrayList<>();
        for (Map.Entry<String, Object> file : ((Map<String, Object>) root.getOrDefault("open_files", Map.of())).entrySet()) {
            Map<String, Object> f = (Map<String, Object>) file.getValue();
            String servicePath = (String) f.get("service_path");
            String name = (String) f.get("filename");
            String path = ".".equals(name) ? servicePath : servicePath.replaceFirst("/$", "") + "/" + name;
            for (Object e : values(f.get("opens"))) {
                Map<String, Object> open = (Map<String, Object>) e;
                Map<String, Object> mask = (Map<String, Object>) open.get("access_mask");
                opens.add(new RawOpen(pid(open), num(open.get("uid")), num(open.get("share_file_id")),
                        mask == null ? 0 : Long.decode(String.valueOf(mask.get("hex"))), servicePath, path,
                        locksByPath.getOrDefault(file.getKey(), 0)));
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
