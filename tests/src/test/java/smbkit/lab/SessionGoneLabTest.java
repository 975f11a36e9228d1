package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.access.RemoteServer;
import smbkit.change.SessionCloser;
import smbkit.cli.AuthFile;
import smbkit.kb.ClosePlan;
import smbkit.kb.CloseTarget;
import smbkit.model.Session;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/** A session that ends between close-sessions' listing and its delete: reported as gone, exit 17, nothing else touched. */
@Tag("lab")
class SessionGoneLabTest {

    @Test
    void aSessionGoneBetweenTheListingAndTheCloseIsReportedNotFailed() throws Exception {
        Lab.up();
        SessionHolder other = Lab.nullSession("127.0.0.51");
        SessionHolder leaving = Lab.nullSession("127.0.0.52");
        AuthFile auth = AuthFile.read(Lab.ADMIN_AUTH);
        try (RemoteServer server = RemoteServer.connect(Target.parse(Lab.HOST),
                Credentials.user(auth.domain(), auth.user(), auth.password()),
                SmbConnection.Options.defaults().withLocalAddress("127.0.0.50"))) {
            List<Session> listed = server.sessions(null, null).sessions();
            List<CloseTarget> plan = ClosePlan.plan(listed, List.of(),
                    new ClosePlan.Selection(List.of("127.0.0.52"), null, true, false),
                    new ClosePlan.Self("127.0.0.50", "labadmin", false), true);
            leaving.close(); // gone before the delete
            Thread.sleep(500);

            List<SessionCloser.Outcome> outcomes = SessionCloser.close(server, plan);

            assertEquals(1, outcomes.size());
            assertTrue(outcomes.get(0).result().startsWith("gone already"), outcomes.get(0).result());
            assertEquals(17, SessionCloser.exitCode(outcomes, List.of()));
            assertEquals(1, server.sessions("127.0.0.51", null).sessions().size(), "nothing else touched");
        } finally {
            other.close();
        }
    }
}
