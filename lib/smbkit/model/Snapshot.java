package smbkit.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything smb-diagnose collected from one server at one moment, so the diagnosis can run again offline
 * ({@code --save} / {@code --from}). A part the server refused is null, with the reason in {@code refused}.
 *
 * @param anonymousSettings registry values that govern NULL sessions, by value name; a name present with a
 *                          null value was read and is absent
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
        Map<String, String> refused) {

    public boolean samba() {
        return server != null && server.isSamba();
    }
}
