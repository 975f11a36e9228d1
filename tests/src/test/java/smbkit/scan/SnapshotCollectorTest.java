package smbkit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.SessionListing;
import smbkit.model.Share;
import smbkit.model.Snapshot;
import smbkit.render.DiagnosisView;

/**
 * The collector on a scripted server: a server that dies in the middle keeps what was read, and every part
 * after it is "not read" (the connection was lost), never an empty reading that looks healthy.
 */
class SnapshotCollectorTest {

    static final ServerInfo WINDOWS_XP = new ServerInfo("XP", 500, 5, 1, ServerInfo.SV_TYPE_WORKSTATION | ServerInfo.SV_TYPE_NT, "", null);

    /** Answers server info, then fails every call from the {@code dieAt}-th on with {@code failure}. */
    static class Dying implements ServerAccess {
        final int dieAt;
        final Failure failure;
        final List<String> calls = new ArrayList<>();

        Dying(int dieAt, Failure failure) {
            this.dieAt = dieAt;
            this.failure = failure;
        }

        <T> T call(String what, T value) {
            calls.add(what);
            if (calls.size() >= dieAt) {
                throw new SmbkitException(failure, "lab: connection reset by peer", "Check the network and run again");
            }
            return value;
        }

        public String where() { return "lab"; }
        public ServerInfo serverInfo() { return call("serverInfo", WINDOWS_XP); }
        public SessionListing sessions(String client, String user) { return call("sessions", new SessionListing(List.of(), "level 10")); }
        public List<OpenFile> openFiles(String basePath, String user) { return call("openFiles", List.of()); }
        public List<Connection> connections(String qualifier) { return call("connections " + qualifier, List.of()); }
        public boolean connectionsAreReliable() { return true; }
        public List<Share> shares() { return call("shares", List.of()); }
        public Share share(String name) { throw new UnsupportedOperationException(); }
        public Registry registry() { return call("registry", null); }
        public String selfClient() { return null; }
        public void close() {}
    }

    @Test
    void aServerThatDiesMidWayKeepsWhatWasReadAndTheRestIsNotRead() {
        for (Failure f : List.of(Failure.NETWORK, Failure.CONNECTION_REFUSED, Failure.TIMEOUT)) {
            Dying server = new Dying(2, f); // server info answered, then the connection goes
            Snapshot s = SnapshotCollector.collect(server);
            assertNotNull(s.server());
            assertNull(s.sessions());
            assertEquals(List.of("serverInfo", "sessions"), server.calls, "nothing is tried after the connection is lost");
            assertEquals(List.of(Snapshot.SESSIONS, Snapshot.OPEN_FILES, Snapshot.SHARES, Snapshot.CONNECTIONS, Snapshot.REGISTRY),
                    List.copyOf(s.refused().keySet()));
            s.refused().values().forEach(r -> assertEquals(f, r.failure()));
            assertTrue(s.refused().get(Snapshot.REGISTRY).reason().contains("connection was lost"), s.refused().toString());

            HostDiagnosis d = HostDiagnosis.of(s);
            assertEquals(5, HostDiagnosis.exitCode(List.of(d)), "never healthy: " + d.findings());
            assertEquals("incomplete", DiagnosisView.statusCode(d));
            assertTrue(DiagnosisView.ranking(List.of(d, d)).rows().stream().noneMatch(r -> "healthy".equals(r.get("status"))));
            assertEquals(5, d.findings().stream().filter(x -> x.kind() == Finding.Kind.NOT_READ).count());
        }
    }

    @Test
    void aServerGoneAfterTheSessionsKeepsTheSessions() {
        Dying server = new Dying(3, Failure.NETWORK);
        Snapshot s = SnapshotCollector.collect(server);
        assertEquals(List.of(), s.sessions());
        assertEquals(List.of(Snapshot.OPEN_FILES, Snapshot.SHARES, Snapshot.CONNECTIONS, Snapshot.REGISTRY), List.copyOf(s.refused().keySet()));
        assertEquals(0, HostDiagnosis.exitCode(List.of(HostDiagnosis.of(s))), "the sessions were read: complete");
    }

    @Test
    void aServerOutOfReachFromTheStartIsAFailureOfTheHost() {
        SmbkitException e = assertThrows(SmbkitException.class, () -> SnapshotCollector.collect(new Dying(1, Failure.NETWORK)));
        assertEquals(Failure.NETWORK, e.failure());
    }

    @Test
    void aPartRefusedDoesNotStopTheOthers() {
        ServerAccess denying = new Dying(99, Failure.NETWORK) {
            @Override
            public SessionListing sessions(String client, String user) {
                calls.add("sessions");
                throw new SmbkitException(Failure.ACCESS_DENIED, "lab: access denied to NetrSessionEnum", "Use an administrator");
            }

            @Override
            public Registry registry() {
                throw new SmbkitException(Failure.ACCESS_DENIED, "lab: access denied to BaseRegOpenKey", "Use an administrator");
            }
        };
        Snapshot s = SnapshotCollector.collect(denying);
        assertEquals(List.of(Snapshot.SESSIONS, Snapshot.REGISTRY), List.copyOf(s.refused().keySet()), s.refused().toString());
        assertEquals(Failure.ACCESS_DENIED, s.refused().get(Snapshot.SESSIONS).failure());
        assertNotNull(s.shares());
    }
}
