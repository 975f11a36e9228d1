package smbkit.store;

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
import smbkit.render.OpenPipesViews;
import smbkit.render.SessionsView;
import smbkit.rpc.dtyp.SecurityDescriptorText;

/**
 * smb-diagnose's snapshot as JSON, with the same field names the steps print with {@code --format json};
 * and the way back, from a snapshot or from a step's JSON output (smb-sessions, smb-open-pipes --view
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
        m.put("dialect", s.dialect());
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
        Map<String, Object> refused = new LinkedHashMap<>();
        s.refused().forEach((part, why) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("failure", why.failure() == null ? null : why.failure().name().toLowerCase(Locale.ROOT));
            r.put("exit_code", why.failure() == null ? null : why.failure().exitCode());
            r.put("reason", why.reason());
            refused.put(part, r);
        });
        m.put("refused", refused);
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
        m.put("security_descriptor", s.securityDescriptor() == null ? null : SecurityDescriptorText.describe(s.securityDescriptor()));
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

    /**
     * One input read back: a snapshot, and whether it names its host (a step's JSON output does not: its
     * parts belong to whichever host the other inputs name).
     */
    public record Part(Snapshot snapshot, String source, boolean hostKnown) {}

    /** A snapshot from what a file holds: a snapshot object, or one step's JSON array. */
    public static Snapshot read(Object json, String source) {
        List<Part> parts = readFile(json, source, Instant.now());
        if (parts.size() != 1) {
            throw notInput(source);
        }
        return parts.get(0).snapshot();
    }

    /**
     * What one file holds: a snapshot, a scan's snapshots ({@code smb-diagnose-scan}), or one step's JSON array
     * (dated {@code fileTime}: its rows carry no time). A field of the wrong type is one line (exit 21).
     */
    @SuppressWarnings("unchecked")
    public static List<Part> readFile(Object json, String source, Instant fileTime) {
        try {
            if (json instanceof Map<?, ?> map && "smb-diagnose-scan".equals(map.get("tool"))) {
                List<Part> out = new ArrayList<>();
                for (Object host : list(map.get("hosts"), "hosts")) {
                    if (!(host instanceof Map<?, ?> h) || !"smb-diagnose".equals(h.get("tool"))) {
                        throw new BadField("hosts", "smb-diagnose snapshots", host);
                    }
                    out.add(new Part(fromSnapshot((Map<String, Object>) h), source, true));
                }
                return out;
            }
            if (json instanceof Map<?, ?> map && "smb-diagnose".equals(map.get("tool"))) {
                return List.of(new Part(fromSnapshot((Map<String, Object>) map), source, true));
            }
            if (json instanceof List<?> rows) {
                return List.of(new Part(fromRows((List<Object>) rows, source, fileTime), source, false));
            }
        } catch (BadField e) {
            throw new SmbkitException(Failure.FILE_ERROR, source + ": not smbkit JSON: field '" + e.field + "' should be "
                    + e.expected + ", found " + e.found,
                    "Give a file smb-diagnose --save or a step's --format json wrote, unchanged", e);
        } catch (ClassCastException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new SmbkitException(Failure.FILE_ERROR, source + ": not smbkit JSON: a field has the wrong type",
                    "Give a file smb-diagnose --save or a step's --format json wrote, unchanged", e);
        }
        throw notInput(source);
    }

    /**
     * The hosts several inputs describe: inputs of one host are merged (each part from the newest input that
     * has it, then by file name: never by the order given), inputs of different hosts stay apart. A step's
     * output names no host: it joins the one host the other inputs name, or, with none, the step outputs make
     * one host together; with several hosts it is refused, as nobody can tell whose it is.
     */
    public static List<Snapshot> combine(List<Part> inputs) {
        Map<String, List<Part>> byHost = new java.util.TreeMap<>();
        List<Part> unnamed = new ArrayList<>();
        for (Part p : inputs) {
            if (p.hostKnown()) {
                byHost.computeIfAbsent(hostKey(p.snapshot().host()), k -> new ArrayList<>()).add(p);
            } else {
                unnamed.add(p);
            }
        }
        if (!unnamed.isEmpty()) {
            List<String> sources = unnamed.stream().map(Part::source).sorted().toList();
            if (byHost.size() > 1) {
                throw new SmbkitException(Failure.USAGE, String.join(", ", sources) + " name no host, and the other inputs are of "
                        + byHost.size() + " hosts (" + String.join(", ", byHost.keySet()) + "): whose they are is not known",
                        "Give a step's output with the snapshots of its own host only, one host per run");
            }
            if (byHost.isEmpty()) {
                byHost.put(String.join(" + ", sources), new ArrayList<>());
            }
            byHost.values().iterator().next().addAll(unnamed);
        }
        List<Snapshot> out = new ArrayList<>();
        byHost.forEach((key, parts) -> out.add(merge(parts, key)));
        return out;
    }

    /** One host's inputs as one snapshot (see {@link #combine}). */
    static Snapshot merge(List<Part> inputs, String unnamedHost) {
        List<Part> parts = new ArrayList<>(inputs);
        parts.sort(java.util.Comparator.comparing((Part p) -> p.snapshot().collectedAt(), java.util.Comparator.reverseOrder())
                .thenComparing(Part::source));
        String host = parts.stream().filter(Part::hostKnown).map(p -> p.snapshot().host()).findFirst().orElse(unnamedHost);
        Instant at = parts.get(0).snapshot().collectedAt();
        ServerInfo server = null;
        List<Session> sessions = null;
        String source = null;
        List<OpenFile> files = null;
        Map<String, List<Connection>> connections = null;
        Boolean reliable = null;
        List<Share> shares = null;
        Map<String, RegistryValue> settings = null;
        String dialect = null;
        for (Part part : parts) {
            Snapshot p = part.snapshot();
            server = server != null ? server : p.server();
            dialect = dialect != null ? dialect : p.dialect();
            if (sessions == null && p.sessions() != null) {
                sessions = p.sessions();
                source = p.sessionsSource();
            }
            files = files != null ? files : p.files();
            if (connections == null && p.connections() != null) {
                connections = p.connections();
                reliable = p.connectionsReliable();
            }
            shares = shares != null ? shares : p.shares();
            settings = settings != null ? settings : p.anonymousSettings();
        }
        Map<String, Snapshot.Refusal> refused = new LinkedHashMap<>();
        for (boolean withKind : List.of(true, false)) { // a server's refusal says more than "not in this file"
            for (Part p : parts) {
                p.snapshot().refused().forEach((k, v) -> {
                    if ((v.failure() != null) == withKind) {
                        refused.putIfAbsent(k, v);
                    }
                });
            }
        }
        Map<String, Boolean> present = Map.of(Snapshot.SERVER_INFO, server != null, Snapshot.SESSIONS, sessions != null,
                Snapshot.OPEN_FILES, files != null, Snapshot.SHARES, shares != null, Snapshot.CONNECTIONS, connections != null,
                Snapshot.REGISTRY, settings != null);
        boolean withConnections = connections != null;
        refused.keySet().removeIf(k -> Boolean.TRUE.equals(present.get(k)) || (withConnections && k.startsWith(Snapshot.CONNECTIONS_TO)));
        Map<String, Snapshot.Refusal> ordered = new LinkedHashMap<>();
        refused.entrySet().stream().sorted(Map.Entry.comparingByKey(partOrder()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new Snapshot(host, at, server, sessions, source, files, connections, reliable, shares, settings, ordered,
                dialect);
    }

    private static java.util.Comparator<String> partOrder() {
        return java.util.Comparator.comparingInt((String k) -> {
            int i = Snapshot.PARTS.indexOf(k.startsWith(Snapshot.CONNECTIONS_TO) ? Snapshot.CONNECTIONS : k);
            return i < 0 ? Snapshot.PARTS.size() : i;
        }).thenComparing(java.util.Comparator.naturalOrder());
    }

    /** Hosts compared as a user means them: case aside, \\ aside, the default port aside. */
    static String hostKey(String host) {
        String h = smbkit.model.SessionFilter.normalize(host);
        return h.endsWith(":445") ? h.substring(0, h.length() - 4) : h;
    }

    @SuppressWarnings("unchecked")
    private static Snapshot fromSnapshot(Map<String, Object> m) {
        Map<String, Object> srv = map(m.get("server"), "server");
        ServerInfo server = srv == null ? null : new ServerInfo(str(srv, "name"), num(srv.get("platform_id"), "server.platform_id"),
                num(srv.get("version_major"), "server.version_major"), num(srv.get("version_minor"), "server.version_minor"),
                num(srv.get("type"), "server.type"), str(srv, "comment"), opt(srv.get("max_users"), "server.max_users"));
        List<Session> sessions = rows(m.get("sessions"), "sessions", SnapshotJson::session);
        List<OpenFile> files = rows(m.get("open_files"), "open_files", SnapshotJson::file);
        Map<String, List<Connection>> connections = null;
        Map<String, Object> c = map(m.get("connections"), "connections");
        if (c != null) {
            connections = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : c.entrySet()) {
                String share = e.getKey();
                connections.put(share, rows(e.getValue(), "connections." + share, r -> new Connection(share,
                        num(r.get("id"), "connections.id"), opt(r.get("type"), "connections.type"),
                        opt(r.get("opens"), "connections.opens"), opt(r.get("users"), "connections.users"),
                        opt(r.get("seconds"), "connections.seconds"), str(r, "user"), str(r, "client"))));
            }
        }
        List<Share> shares = rows(m.get("shares"), "shares", SnapshotJson::shareRow);
        Map<String, RegistryValue> settings = null;
        Map<String, Object> a = map(m.get("anonymous_settings"), "anonymous_settings");
        if (a != null) {
            settings = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : a.entrySet()) {
                Map<String, Object> v = map(e.getValue(), "anonymous_settings." + e.getKey());
                settings.put(e.getKey(), v == null ? null
                        : new RegistryValue((int) num(v.get("type_code"), "type_code"), hex(v.get("data_hex"), "data_hex")));
            }
        }
        Map<String, Snapshot.Refusal> refused = new LinkedHashMap<>();
        Map<String, Object> r = map(m.get("refused"), "refused");
        if (r != null) {
            r.forEach((k, v) -> refused.put(k, refusal(v, "refused." + k)));
        }
        String host = str(m, "host");
        if (host == null || host.isEmpty()) {
            throw new BadField("host", "the host's name", m.get("host"));
        }
        Object at = m.get("collected_at");
        if (!(at instanceof String when)) {
            throw new BadField("collected_at", "a time", at);
        }
        Instant collected;
        try {
            collected = Instant.parse(when);
        } catch (java.time.DateTimeException e) {
            throw new BadField("collected_at", "a time (ISO-8601)", when);
        }
        return new Snapshot(host, collected, server, sessions, str(m, "sessions_source"), files, connections,
                bool(m.get("connections_reliable"), "connections_reliable"), shares, settings, refused, str(m, "dialect"));
    }

    /** A refusal as written ({failure, exit_code, reason}), or as older snapshots wrote it (its one line). */
    private static Snapshot.Refusal refusal(Object v, String field) {
        if (v instanceof String line) {
            return new Snapshot.Refusal(null, line);
        }
        Map<String, Object> r = map(v, field);
        if (r == null) {
            throw new BadField(field, "an object", null);
        }
        String failure = str(r, "failure");
        Failure kind = null;
        if (failure != null) {
            try {
                kind = Failure.valueOf(failure.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadField(field + ".failure", "a failure's name", failure);
            }
        }
        String reason = str(r, "reason");
        return new Snapshot.Refusal(kind, reason == null ? "not read" : reason);
    }

    /** smb-sessions, smb-open-pipes --view files, smb-open-pipes --view shares: told apart by their fields. */
    private static Snapshot fromRows(List<Object> list, String source, Instant at) {
        if (list.isEmpty()) {
            return stepSnapshot(source, at, List.of(), null, null);
        }
        Map<String, Object> first = map(list.get(0), "[0]");
        if (first == null) {
            throw new BadField("[0]", "an object", null);
        }
        if (first.containsKey("kind") && first.containsKey("active_s")) {
            return stepSnapshot(source, at, rows(list, "sessions", SnapshotJson::session), null, null);
        }
        if (first.containsKey("path") && first.containsKey("id") && first.containsKey("kb_suspect")) {
            return stepSnapshot(source, at, null, rows(list, "open files", SnapshotJson::file), null);
        }
        if (first.containsKey("name") && first.containsKey("remark") && first.containsKey("type")) {
            return stepSnapshot(source, at, null, null, rows(list, "shares", SnapshotJson::shareRow));
        }
        throw notInput(source);
    }

    private static Snapshot stepSnapshot(String source, Instant at, List<Session> sessions, List<OpenFile> files, List<Share> shares) {
        Map<String, Snapshot.Refusal> refused = new LinkedHashMap<>();
        Map<String, Object> given = new java.util.HashMap<>();
        given.put(Snapshot.SESSIONS, sessions);
        given.put(Snapshot.OPEN_FILES, files);
        given.put(Snapshot.SHARES, shares);
        for (String part : Snapshot.PARTS) {
            if (given.get(part) == null) {
                refused.put(part, new Snapshot.Refusal(null, "not in " + source + " (one step's output): give the step that "
                        + "lists it too (another --from), or a snapshot smb-diagnose --save wrote"));
            }
        }
        return new Snapshot(source, at, null, sessions, sessions == null ? null : "smb-sessions JSON " + source, files,
                null, null, shares, null, refused);
    }

    private static <T> List<T> rows(Object list, String field, java.util.function.Function<Map<String, Object>, T> f) {
        if (list == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (Object o : list(list, field)) {
            Map<String, Object> row = map(o, field);
            if (row == null) {
                throw new BadField(field, "objects", null);
            }
            out.add(f.apply(row));
        }
        return out;
    }

    private static Session session(Map<String, Object> r) {
        String client = str(r, "client");
        if (client == null) {
            throw new BadField("sessions.client", "the client's name or address", null);
        }
        return new Session(client, str(r, "user"), opt(r.get("opens"), "opens"), opt(r.get("active_s"), "active_s"),
                opt(r.get("idle_s"), "idle_s"), opt(r.get("user_flags"), "user_flags"), str(r, "client_type"), str(r, "transport"));
    }

    private static OpenFile file(Map<String, Object> r) {
        return new OpenFile(num(r.get("id"), "open_files.id"), opt(r.get("permissions"), "permissions"),
                opt(r.get("locks"), "locks"), str(r, "path"), str(r, "user"));
    }

    private static Share shareRow(Map<String, Object> r) {
        String name = str(r, "name");
        if (name == null) {
            throw new BadField("shares.name", "the share's name", null);
        }
        long type = r.get("type_code") != null ? num(r.get("type_code"), "type_code") : typeOf(String.valueOf(r.get("type")));
        Object hex = r.get("security_descriptor_hex");
        return new Share(name, type, str(r, "remark"), opt(r.get("permissions"), "permissions"),
                opt(r.get("max_uses"), "max_uses"), opt(r.get("current_uses"), "current_uses"), str(r, "path"),
                hex == null ? null : hex(hex, "security_descriptor_hex"));
    }

    /** The kind map-open-pipes prints ("printer", "IPC (special)") back to STYPE_* bits. */
    static long typeOf(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        long base = k.startsWith("printer") ? Share.STYPE_PRINTQ : k.startsWith("device") ? Share.STYPE_DEVICE
                : k.startsWith("ipc") ? Share.STYPE_IPC : Share.STYPE_DISKTREE;
        return k.contains("special") ? base | Share.STYPE_SPECIAL : base;
    }

    /** A field of the wrong type in an input file: turned into one line naming the file by {@link #readFile}. */
    private static final class BadField extends RuntimeException {
        final String field;
        final String expected;
        final String found;

        BadField(String field, String expected, Object found) {
            super(field + ": " + expected, null, false, false);
            this.field = field;
            this.expected = expected;
            String f = found == null ? "null" : found instanceof String t ? '"' + t + '"' : String.valueOf(found);
            this.found = f.length() > 60 ? f.substring(0, 60) + "..." : f;
        }
    }

    private static long num(Object o, String field) {
        if (o instanceof Number n && !(o instanceof Double || o instanceof Float || o instanceof java.math.BigDecimal)) {
            if (o instanceof java.math.BigInteger b && b.bitLength() > 63) {
                throw new BadField(field, "a number", o);
            }
            return n.longValue();
        }
        throw new BadField(field, "a whole number", o);
    }

    private static Long opt(Object o, String field) {
        return o == null ? null : num(o, field);
    }

    private static String str(Map<String, Object> m, String field) {
        Object o = m.get(field);
        if (o == null || o instanceof String) {
            return (String) o;
        }
        throw new BadField(field, "a string", o);
    }

    private static Boolean bool(Object o, String field) {
        if (o == null || o instanceof Boolean) {
            return (Boolean) o;
        }
        throw new BadField(field, "true or false", o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String field) {
        if (o == null) {
            return null;
        }
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new BadField(field, "an object", o);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String field) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new BadField(field, "a list", o);
    }

    private static byte[] hex(Object o, String field) {
        if (o instanceof String s) {
            try {
                return HexFormat.of().parseHex(s);
            } catch (IllegalArgumentException e) {
                throw new BadField(field, "hex digits", s);
            }
        }
        throw new BadField(field, "hex digits", o);
    }

    private static SmbkitException notInput(String source) {
        return new SmbkitException(Failure.FILE_ERROR, source + " is neither an smb-diagnose snapshot nor a step's JSON",
                "Give a file written by smb-diagnose --save, smb-sessions --format json, or smb-open-pipes --view "
                        + "files|shares --format json");
    }
}
