package smbkit.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything smb-diagnose collected from one server at one moment, so the diagnosis can run again offline
 * ({@code --save} / {@code --from}). A part that could not be read is null, with why in {@code refused}
 * (keyed by the part's name: {@link #SESSIONS}, {@link #SERVER_INFO}, ...).
 *
 * @param anonymousSettings registry values that govern NULL sessions, by value name; a name present with a
 *                          null value was read and is absent
 * @param dialect the SMB dialect the host spoke ({@code NT LM 0.12} for SMB1, {@code SMB 3.1.1}, ...); null when
 *                not known (local mode, a step's JSON)
 */
public record Snapshot(
        String host,
        Instant collectedAt,
        ServerInfo server,
        List<Session> sessions,
        String sessionsSource,
        List<OpenFile> files,
        Map<String, List<Connection>> connections,
        Boolean connectionsReliable,
        List<Share> shares,
        Map<String, RegistryValue> anonymousSettings,
        Map<String, Refusal> refused,
        String dialect) {

    /** A snapshot whose dialect is not known. */
    public Snapshot(String host, Instant collectedAt, ServerInfo server, List<Session> sessions, String sessionsSource,
            List<OpenFile> files, Map<String, List<Connection>> connections, Boolean connectionsReliable,
            List<Share> shares, Map<String, RegistryValue> anonymousSettings, Map<String, Refusal> refused) {
        this(host, collectedAt, server, sessions, sessionsSource, files, connections, connectionsReliable, shares,
                anonymousSettings, refused, null);
    }

    /** SMB1's one dialect, as the negotiate names it: the dialect of NT 4.0, 2000 and XP. */
    public static final String SMB1_DIALECT = "NT LM 0.12";

    /** The host spoke SMB1. */
    public boolean smb1() {
        return SMB1_DIALECT.equals(dialect);
    }

    public static final String SERVER_INFO = "server info";
    public static final String SESSIONS = "sessions";
    public static final String OPEN_FILES = "open files";
    public static final String SHARES = "shares";
    public static final String CONNECTIONS = "connections";
    public static final String CONNECTIONS_TO = "connections to ";
    public static final String REGISTRY = "NULL-session settings (registry)";

    /** Every part a snapshot holds, in the order they are collected (connections per share aside). */
    public static final List<String> PARTS = List.of(SERVER_INFO, SESSIONS, OPEN_FILES, SHARES, CONNECTIONS, REGISTRY);

    /**
     * Why a part could not be read: the failure's kind (null when the part was simply not in the input, as in
     * one step's JSON) and its one line (what happened, what to do).
     */
    public record Refusal(smbkit.Failure failure, String reason) {}

    public boolean samba() {
        return server != null && server.isSamba();
    }
}
