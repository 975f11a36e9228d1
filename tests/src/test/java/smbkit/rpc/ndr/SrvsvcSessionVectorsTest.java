package smbkit.rpc.ndr;

import smbkit.render.FindingText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Vectors;
import smbkit.kb.SessionLimit;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.ServerGetInfoCall;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * KB step 1 on Windows bytes: what NetrSessionEnum and NetrServerGetInfo return at the levels Samba lacks
 * (impacket-encoded where no Windows capture exists; see vectors/INDEX.md), and the requests we send.
 */
class SrvsvcSessionVectorsTest {

    static EnumCall decodeSessions(String vector, int level) throws Exception {
        EnumCall call = new EnumCall(EnumCall.Kind.SESSIONS, "\\\\LABSRV", new String[] {null, null}, level, -1, 0);
        byte[] stub = Vectors.bytes(vector);
        assertEquals(stub.length, call.decodeStub(stub), "the reply's structure uses every byte");
        return call;
    }

    static List<Session> sessions(EnumCall call) {
        return call.entries().stream().map(SrvsvcModels::session).toList();
    }

    @Test
    void windowsShowsNullSessionsWithAnEmptyUserNameAndSambaStyleGuestsWithTheGuestFlag() throws Exception {
        List<Session> s = sessions(decodeSessions("impacket/srvsvc-NetrSessionEnum-out-level502-nullsessions.hex", 502));

        assertEquals(4, s.size());
        assertEquals(new Session("10.0.0.5", "alice", 2L, 1520L, 12L, 0L, "Windows 2002 Service Pack 3 2600",
                "\\Device\\NetbiosSmb"), s.get(0));
        assertEquals(List.of(SessionKind.USER, SessionKind.NULL, SessionKind.NULL, SessionKind.GUEST),
                s.stream().map(Session::kind).toList());
        assertEquals("10.0.0.7", s.get(1).client(), "the UNC prefix is dropped");
        assertEquals("", s.get(1).user());
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2, 502})
    @SuppressWarnings("unchecked")
    void everyLevelDecodesToTheValuesImpacketEncoded(int level) throws Exception {
        String name = "impacket/srvsvc-NetrSessionEnum-out-level" + level + "-nullsessions.hex";
        EnumCall call = decodeSessions(name, level);
        Map<String, Object> v = Vectors.values(name);
        assertEquals(0, call.status());
        assertEquals(((Number) v.get("TotalEntries")).longValue(), call.totalEntries());
        Vectors.assertSameEntries((List<Map<String, Object>>) v.get("entries"), call.entries());
    }

    @Test
    @SuppressWarnings("unchecked")
    void level10HasNoOpenCountOrFlags() throws Exception {
        String name = "impacket/srvsvc-NetrSessionEnum-out-level10-3sessions.hex";
        EnumCall call = decodeSessions(name, 10);
        Vectors.assertSameEntries((List<Map<String, Object>>) Vectors.values(name).get("entries"), call.entries());
        Session nullSession = sessions(call).get(2);
        assertEquals(SessionKind.NULL, nullSession.kind());
        assertNull(nullSession.opens());
        assertEquals(7200L, nullSession.idleSeconds());
    }

    @Test
    void aPartialReplySaysMoreDataAndWhereToResume() throws Exception {
        EnumCall call = decodeSessions("impacket/srvsvc-NetrSessionEnum-out-level10-moredata.hex", 10);
        assertEquals(234, call.status());
        assertEquals(2, call.entries().size());
        assertEquals(4, call.totalEntries());
        assertEquals(2, call.nextResumeHandle());
    }

    @Test
    void aRefusedListingCarriesAccessDenied() throws Exception {
        EnumCall call = decodeSessions("impacket/srvsvc-NetrSessionEnum-out-level502-accessdenied.hex", 502);
        assertEquals(5, call.status());
        assertEquals(List.of(), call.entries());
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {0, 1, 2, 10, 502})
    void sessionEnumRequestsMatchImpacket(int level) throws Exception {
        EnumCall call = new EnumCall(EnumCall.Kind.SESSIONS, "\\\\LABSRV", new String[] {null, null}, level, -1, 0);
        Vectors.assertSameStub("impacket/srvsvc-NetrSessionEnum-in-level" + level + "-labsrv.hex", call.encodeStub());
    }

    @Test
    void aFilteredResumedRequestMatchesImpacket() throws Exception {
        EnumCall call = new EnumCall(EnumCall.Kind.SESSIONS, "\\\\LABSRV", new String[] {"\\\\10.0.0.7", null}, 10, -1, 2);
        Vectors.assertSameStub("impacket/srvsvc-NetrSessionEnum-in-level10-client-resume.hex", call.encodeStub());
    }

    @Test
    void windowsXpReportsItsLimitOfTenInServerInfo102() throws Exception {
        ServerGetInfoCall call = new ServerGetInfoCall("\\\\LABSRV", 102);
        call.decodeStub(Vectors.bytes("impacket/srvsvc-NetrServerGetInfo-out-level102-labsrv.hex"));
        ServerInfo info = SrvsvcModels.serverInfo(call.info());

        assertEquals(new ServerInfo("LABSRV", 500, 5, 1, 0x1003, "", 10L), info);
        assertEquals(10, SessionLimit.of(info).limit());
        assertEquals("the server's maximum users (sv102_users)", FindingText.basis(SessionLimit.of(info)));
        Vectors.assertSameStub("impacket/srvsvc-NetrServerGetInfo-in-level102-labsrv.hex",
                new ServerGetInfoCall("\\\\LABSRV", 102).encodeStub());
    }

    @Test
    void aCapturedWindowsXpServerGetsTheKbFigureFromItsVersion() throws Exception {
        ServerGetInfoCall call = new ServerGetInfoCall("\\\\192.168.24.100", 101);
        byte[] stub = Vectors.bytes("srvsvc-NetrServerGetInfo-out-level101-winxp-a.hex");
        assertEquals(stub.length, call.decodeStub(stub));
        ServerInfo info = SrvsvcModels.serverInfo(call.info());

        assertEquals(new ServerInfo("192.168.24.100", 500, 5, 1, 0x1003, "", null), info);
        assertEquals(true, info.isWindowsWorkstation());
        assertEquals(10, SessionLimit.of(info).limit());
        // The XP client's own request: referent at 0, two pad bytes after the 17-character name.
        Vectors.assertSameStub("srvsvc-NetrServerGetInfo-in-level101-winxp-b.hex",
                new ServerGetInfoCall("\\\\192.168.24.100", 101).encodeStub(), List.of(0), List.of("50-51"));
    }
}
