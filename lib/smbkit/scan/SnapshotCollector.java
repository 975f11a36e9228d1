package smbkit.scan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.kb.AnonymousSetting;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.model.Snapshot;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * Collects what the diagnosis needs from one server over its one connection (one pipe per interface),
 * carrying on when a part is refused: that part records why, the rest is still collected. Read only.
 */
public final class SnapshotCollector {

    private SnapshotCollector() {}

    public static Snapshot collect(ServerAccess server) {
        Parts p = new Parts();
        ServerInfo info = p.read(Snapshot.SERVER_INFO, server::serverInfo);
        SessionListing listing = p.read(Snapshot.SESSIONS, () -> server.sessions(null, null));
        List<OpenFile> files = p.read(Snapshot.OPEN_FILES, () -> server.openFiles(null, null));
        List<Share> shares = p.read(Snapshot.SHARES, server::shares);
        Map<String, List<Connection>> connections = null;
        Boolean reliable = null;
        if (shares != null) {
            connections = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(List.of("IPC$"));
            shares.stream().map(Share::name).filter(n -> n != null && !n.equalsIgnoreCase("IPC$")).forEach(names::add);
            for (String share : names) {
                List<Connection> c = p.read(Snapshot.CONNECTIONS_TO + share, () -> server.connections(share));
                if (c != null) {
                    connections.put(share, c);
                }
            }
            reliable = p.lost == null ? server.connectionsAreReliable() : null;
        } else if (p.lost != null) {
            p.read(Snapshot.CONNECTIONS, () -> null);
        }
        Map<String, RegistryValue> settings = p.read(Snapshot.REGISTRY,
                () -> anonymousSettings(server, info != null && info.isSamba()));
        return new Snapshot(server.where(), Instant.now(), info, listing == null ? null : listing.sessions(),
                listing == null ? null : listing.source(), files, connections, reliable, shares, settings, p.refused,
                server.dialect());
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

    /**
     * Reads part after part. A part refused is recorded and the rest still read. A failure of the connection
     * itself before anything was read means the host is out of reach (thrown); after something was read, the
     * server went away mid-way: what was read is kept, and this part and every later one are recorded as not
     * read, without trying them.
     */
    private static final class Parts {
        final Map<String, Snapshot.Refusal> refused = new LinkedHashMap<>();
        boolean readSomething;
        Snapshot.Refusal lost;

        <T> T read(String what, Supplier<T> read) {
            if (lost != null) {
                refused.put(what, lost);
                return null;
            }
            try {
                T value = read.get();
                readSomething = true;
                return value;
            } catch (SmbkitException e) {
                if (connectionLost(e.failure())) {
                    if (!readSomething) {
                        throw e; // the server itself is out of reach: no part can be read
                    }
                    lost = new Snapshot.Refusal(e.failure(), "the connection was lost mid-way: " + e.oneLine());
                    refused.put(what, lost);
                    return null;
                }
                refused.put(what, new Snapshot.Refusal(e.failure(), e.oneLine()));
                return null;
            } catch (MalformedReplyException e) {
                refused.put(what, new Snapshot.Refusal(Failure.MALFORMED_REPLY, "malformed reply: " + e.getMessage()
                        + ". Run again, and report it with --debug"));
                return null;
            }
        }
    }

    static boolean connectionLost(Failure f) {
        return f == Failure.SERVER_FULL || f == Failure.UNKNOWN_HOST || f == Failure.CONNECTION_REFUSED
                || f == Failure.TIMEOUT || f == Failure.LOGON_FAILED || f == Failure.NETWORK;
    }
}
