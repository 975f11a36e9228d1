package smbkit.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import smbkit.Failure;
import smbkit.SmbKit;
import smbkit.SmbkitException;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Share;
import smbkit.model.Snapshot;

/**
 * smb-diagnose's snapshot as JSON, with the same field names the steps print with {@code --format json};
 * and the way back, from a snapshot or from a step's JSON output (list-sessions, map-open-pipes --view
 * files or shares), so that collecting and analysing can happen on different machines.
 */
public final class SnapshotJson {

    private SnapshotJson() {}

    public static Map<String, Object> write(Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "smb-diagnose");
        m.put("version", SmbKit.VERSION);
        m.put("host", s.host());
        m.put("collected_at", s.collectedAt().toString());
        m.put("server", s.server() == null ? null : server(s.server()));
        m.put("sessions_source", s.sessionsSource());
        m.put("sessions", s.sessions() == null ? null : SessionsView.table(s.sessions()).rows());
        m.put("open_files", s.files() == null ? null : OpenPipesViews.files(s.files()).rows());
        m.put("connections_reliable", s.connectionsReliable());
        if (s.connections() != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            s.connections().forEach((share, list) -> c.put(share, list.stream().map(SnapshotJson::connection).toList()));
            m.put("connections", c);
        } else {
            m.put("connections", null);
        }
        m.put("shares", s.shares() == null ? null : s.shares().stream().map(SnapshotJson::share).toList());
        if (s.anonymousSettings() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            s.anonymousSettings().forEach((name, v) -> a.put(name, v == null ? null : value(v)));
            m.put("anonymous_settings", a);
        } else {
            m.put("anonymous_settings", null);
        }
        m.put("refused", s.refused());
        return m;
    }

    private static Map<String, Object> server(ServerInfo i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", i.name());
        m.put("platform_id", i.platformId());
        m.put("version_major", i.versionMajor());
        m.put("version_minor", i.versionMinor());
        m.put("type", i.type());
        m.put("comment", i.comment());
        m.put("max_users", i.maxUsers());
        return m;
    }

    private static Map<String, Object> connection(Connection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("type", c.type());
        m.put("client", c.netname());
        m.put("user", c.user());
        m.put("opens", c.opens());
        m.put("users", c.users());
        m.put("seconds", c.seconds());
        return m;
    }

    private static Map<String, Object> share(Share s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("type", s.kind());
        m.put("type_code", s.type());
        m.put("printer", s.isPrinter());
        m.put("remark", s.remark());
        m.put("path", s.path());
        m.put("current_uses", s.currentUses());
        m.put("max_uses", s.maxUses());
        m.put("permissions", s.permissions());
        m.put("security_descriptor", s.securityDescriptor() == null ? null : SecurityDescriptors.describe(s.securityDescriptor()));
        m.put("security_descriptor_hex", s.securityDescriptor() == null ? null : HexFormat.of().formatHex(s.securityDescriptor()));
        return m;
    }

    private static Map<String, Object> value(RegistryValue v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", v.typeName());
        m.put("type_code", v.type());
        m.put("value", v.display());
        m.put("data_hex", HexFormat.of().formatHex(v.data()));
        return m;
    }

    // ---- reading back ---------------------------------------------------------------------------------

    /** A snapshot from what a file holds: a snapshot object, or one step's JSON array. */
    @SuppressWarnings("unchecked")
    public static Snapshot read(Object json, String source) {
        if (json instanceof Map<?, ?> map && "smb-diagnose".equals(map.get("tool"))) {
            return fromSnapshot((Map<String, Object>) map);
        }
        if (json instanceof List<?> rows) {
            return fromRows((List<Map<String, Object>>) rows, source);
        }
        throw notInput(source);
    }

    /** Merges what several step outputs gave: each part from the first input that has it. */
    public static Snapshot merge(List<Snapshot> parts) {
        Snapshot first = parts.get(0);
        ServerInfo server = null;
        List<Session> sessions = null;
        String source = null;
        List<OpenFile> files = null;
        Map<String, List<Connection>> connections = null;
        Boolean reliable = null;
        List<Share> shares = null;
        Map<String, RegistryValue> settings = null;
        Map<String, String> refused = new LinkedHashMap<>();
        for (Snapshot p : parts) {
            server = server != null ? server : p.server();
            if (sessions == null && p.sessions() != null) {
                sessions = p.sessions();
                source = p.sessionsSource();
            }
            files = files != null ? files : p.files();
            connections = connections != null ? connections : p.connections();
            reliable = reliable != null ? reliable : p.connectionsReliable();
            shares = shares != null ? shares : p.shares();
            settings = settings != null ? settings : p.anonymousSettings();
        }
        for (Snapshot p : parts) {
            p.refused().forEach(refused::putIfAbsent);
        }
        return new Snapshot(first.host(), first.collectedAt(), server, sessions, source, files, connections, reliable, shares,
                settings, refused);
    }

    @SuppressWarnings("unchecked")
    private static Snapshot fromSnapshot(Map<String, Object> m) {
        Map<String, Object> srv = (Map<String, Object>) m.get("server");
        ServerInfo server = srv == null ? null : new ServerInfo((String) srv.get("name"), num(srv.get("platform_id")),
                num(srv.get("version_major")), num(srv.get("version_minor")), num(srv.get("type")), (String) srv.get("comment"),
                opt(srv.get("max_users")));
        List<Session> sessions = rows(m.get("sessions"), SnapshotJson::session);
        List<OpenFile> files = rows(m.get("open_files"), SnapshotJson::file);
        Map<String, List<Connection>> connections = null;
        if (m.get("connections") instanceof Map<?, ?> c) {
            connections = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : c.entrySet()) {
                String share = (String) e.getKey();
                connections.put(share, rows(e.getValue(), r -> new Connection(share, num(r.get("id")), opt(r.get("type")),
                        opt(r.get("opens")), opt(r.get("users")), opt(r.get("seconds")), (String) r.get("user"),
                        (String) r.get("client"))));
            }
        }
        List<Share> shares = rows(m.get("shares"), SnapshotJson::shareRow);
        Map<String, RegistryValue> settings = null;
        if (m.get("anonymous_settings") instanceof Map<?, ?> a) {
            settings = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : a.entrySet()) {
                Map<String, Object> v = (Map<String, Object>) e.getValue();
                settings.put((String) e.getKey(), v == null ? null
                        : new RegistryValue((int) num(v.get("type_code")), HexFormat.of().parseHex((String) v.get("data_hex"))));
            }
        }
        Map<String, String> refused = new LinkedHashMap<>();
        if (m.get("refused") instanceof Map<?, ?> r) {
            r.forEach((k, v) -> refused.put(String.valueOf(k), String.valueOf(v)));
        }
        return new Snapshot((String) m.get("host"), Instant.parse((String) m.get("collected_at")), server, sessions,
                (String) m.get("sessions_source"), files, connections, (Boolean) m.get("connections_reliable"), shares,
                settings, refused);
    }

    /** list-sessions, map-open-pipes --view files, map-open-pipes --view shares: told apart by their fields. */
    private static Snapshot fromRows(List<Map<String, Object>> rows, String source) {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("the rest", "not in " + source);
        if (rows.isEmpty()) {
            return new Snapshot(source, Instant.now(), null, List.of(), source, null, null, null, null, null, refused);
        }
        Map<String, Object> first = rows.get(0);
        if (first.containsKey("kind") && first.containsKey("active_s")) {
            return new Snapshot(source, Instant.now(), null, rows(rows, SnapshotJson::session), "list-sessions JSON " + source,
                    null, null, null, null, null, refused);
        }
        if (first.containsKey("path") && first.containsKey("id") && first.containsKey("kb_suspect")) {
            return new Snapshot(source, Instant.now(), null, null, null, rows(rows, SnapshotJson::file), null, null, null,
                    null, refused);
        }
        if (first.containsKey("name") && first.containsKey("remark") && first.containsKey("type")) {
            return new Snapshot(source, Instant.now(), null, null, null, null, null, null, rows(rows, SnapshotJson::shareRow),
                    null, refused);
        }
        throw notInput(source);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> rows(Object list, java.util.function.Function<Map<String, Object>, T> f) {
        if (list == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (Object o : (List<Object>) list) {
            out.add(f.apply((Map<String, Object>) o));
        }
        return out;
    }

    private static Session session(Map<String, Object> r) {
        return new Session((String) r.get("client"), (String) r.get("user"), opt(r.get("opens")), opt(r.get("active_s")),
                opt(r.get("idle_s")), opt(r.get("user_flags")), (String) r.get("client_type"), (String) r.get("transport"));
    }

    private static OpenFile file(Map<String, Object> r) {
        return new OpenFile(num(r.get("id")), opt(r.get("permissions")), opt(r.get("locks")), (String) r.get("path"),
                (String) r.get("user"));
    }

    private static Share shareRow(Map<String, Object> r) {
        long type = r.get("type_code") != null ? num(r.get("type_code")) : typeOf(String.valueOf(r.get("type")));
        String hex = (String) r.get("security_descriptor_hex");
        return new Share((String) r.get("name"), type, (String) r.get("remark"), opt(r.get("permissions")),
                opt(r.get("max_uses")), opt(r.get("current_uses")), (String) r.get("path"),
                hex == null ? null : HexFormat.of().parseHex(hex));
    }

    /** The kind map-open-pipes prints ("printer", "IPC (special)") back to STYPE_* bits. */
    static long typeOf(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        long base = k.startsWith("printer") ? Share.STYPE_PRINTQ : k.startsWith("device") ? Share.STYPE_DEVICE
                : k.startsWith("ipc") ? Share.STYPE_IPC : Share.STYPE_DISKTREE;
        return k.contains("special") ? base | Share.STYPE_SPECIAL : base;
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new SmbkitException(Failure.FILE_ERROR, "not smbkit JSON: expected a number, found " + o,
                "Give a file smb-diagnose --save or a step's --format json wrote");
    }

    private static Long opt(Object o) {
        return o == null ? null : num(o);
    }

    private static SmbkitException notInput(String source) {
        return new SmbkitException(Failure.FILE_ERROR, source + " is neither an smb-diagnose snapshot nor a step's JSON",
                "Give a file written by smb-diagnose --save, list-sessions --format json, or map-open-pipes --view "
                        + "files|shares --format json");
    }
}
