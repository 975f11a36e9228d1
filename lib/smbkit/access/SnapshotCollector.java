package smbkit.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.kb.AnonymousSetting;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.model.Snapshot;

/**
 * Collects what the diagnosis needs from one server over its one connection (one pipe per interface),
 * carrying on when a part is refused: that part records why, the rest is still collected. Read only.
 */
public final class SnapshotCollector {

    private SnapshotCollector() {}

    public static Snapshot collect(ServerAccess server) {
        Map<String, String> refused = new LinkedHashMap<>();
        ServerInfo info = part("server info", refused, server::serverInfo);
        SessionListing listing = part("sessions", refused, () -> server.sessions(null, null));
        List<OpenFile> files = part("open files", refused, () -> server.openFiles(null, null));
        List<Share> shares = part("shares", refused, server::shares);
        Map<String, List<Connection>> connections = null;
        Boolean reliable = null;
        if (shares != null) {
            connections = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(List.of("IPC$"));
            shares.stream().map(Share::name).filter(n -> !n.equalsIgnoreCase("IPC$")).forEach(names::add);
            for (String share : names) {
                List<Connection> c = part("connections to " + share, refused, () -> server.connections(share));
                if (c != null) {
                    connections.put(share, c);
                }
            }
            reliable = server.connectionsAreReliable();
        }
        Map<String, RegistryValue> settings = part("NULL-session settings (registry)", refused,
                () -> anonymousSettings(server, info != null && info.isSamba()));
        return new Snapshot(server.where(), Instant.now(), info, listing == null ? null : listing.sessions(),
                listing == null ? null : listing.source(), files, connections, reliable, shares, settings, refused);
    }

    /** The values that govern NULL sessions: Samba's own parameter on Samba, the Lsa/LanmanServer values on Windows. */
    public static Map<String, RegistryValue> anonymousSettings(ServerAccess server, boolean samba) {
        Registry registry = server.registry();
        Map<String, RegistryValue> out = new LinkedHashMap<>();
        List<AnonymousSetting> settings = samba ? List.of(AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS) : AnonymousSetting.WINDOWS;
        for (AnonymousSetting s : settings) {
            out.put(s.name(), registry.get(s.key(), s.name()).orElse(null));
        }
        return out;
    }

    private static <T> T part(String what, Map<String, String> refused, Supplier<T> read) {
        try {
            return read.get();
        } catch (SmbkitException e) {
            if (e.failure() == Failure.SERVER_FULL || e.failure() == Failure.UNKNOWN_HOST
                    || e.failure() == Failure.CONNECTION_REFUSED || e.failure() == Failure.TIMEOUT
                    || e.failure() == Failure.LOGON_FAILED || e.failure() == Failure.NETWORK) {
                throw e; // the server itself is out of reach: no part can be read
            }
            refused.put(what, e.oneLine());
            return null;
        }
    }
}
