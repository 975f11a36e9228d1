package smbkit.access.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.windows.FakeNetApi.Call;
import smbkit.access.windows.FakeNetApi.Reply;
import smbkit.access.windows.WindowsServer;
import smbkit.kb.SessionLimit;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.model.SessionListing;
import smbkit.model.Share;

/**
 * WindowsServer against a scripted netapi32: the levels it tries and in which order, paging through
 * ERROR_MORE_DATA with the resume handle, a NetApiBufferFree for every buffer on every path, the arguments
 * each call gets, and each NET_API_STATUS as the failure a user sees.
 */
class WindowsServerTest {

    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_MORE_DATA = 234;
    static final int NERR_SERVER_NOT_STARTED = 2114;
    static final int NERR_NET_NAME_NOT_FOUND = 2310;
    static final int NERR_CLIENT_NAME_NOT_FOUND = 2312;
    static final int NERR_FILE_ID_NOT_FOUND = 2314;
    static final String XP = "Windows 2002 Service Pack 3 2600";

    final FakeNetApi api = new FakeNetApi();
    final WindowsServer server = new WindowsServer(api, p -> 0, null);

    @AfterEach
    void everyBufferFreedOnce() {
        assertTrue(api.allFreedOnce(), "handed out " + api.handedOut + ", freed " + api.freed);
    }

    static Reply page(Documented64.Struct struct, int status, long resume, Object[]... rows) {
        return new Reply(status, NetapiMemory.of(struct, rows), rows.length, resume);
    }

    List<Integer> levelsTried(String function) {
        return api.calls.stream().filter(c -> c.function().equals(function)).map(Call::level).toList();
    }

    @Test
    void aNonAdministratorFallsBackToLevel10AndStillSeesTheNullSessions() {
        api.reply("NetSessionEnum", 502, Reply.status(ERROR_ACCESS_DENIED))
                .reply("NetSessionEnum", 2, Reply.status(ERROR_ACCESS_DENIED))
                .rows("NetSessionEnum", 10, new Object[] {"\\\\10.0.0.7", "", 3665, 3600},
                        new Object[] {"\\\\10.0.0.5", "alice", 60, 2});

        SessionListing listing = server.sessions(null, null);

        assertEquals(List.of(502, 2, 10), levelsTried("NetSessionEnum"));
        assertEquals("NetSessionEnum level 10 (netapi32)", listing.source());
        assertEquals(new Session("10.0.0.7", "", null, 3665L, 3600L, null, null, null), listing.sessions().get(0));
        assertEquals(SessionKind.NULL, listing.sessions().get(0).kind());
        assertEquals(Arrays.asList(null, null, null), api.calls.get(0).args(), "this machine, every client, every user");
    }

    @Test
    void theLevelThatAnsweredIsRememberedSoTheNextListingSpendsNoRefusals() {
        // issue 14: the shared engine learns the level once; the next listing starts there
        api.reply("NetSessionEnum", 502, Reply.status(ERROR_ACCESS_DENIED))
                .reply("NetSessionEnum", 2, Reply.status(ERROR_ACCESS_DENIED))
                .rows("NetSessionEnum", 10, new Object[] {"\\\\10.0.0.7", "", 3665, 3600})
                .rows("NetSessionEnum", 10, new Object[] {"\\\\10.0.0.7", "", 3666, 3601});

        server.sessions(null, null);
        SessionListing again = server.sessions(null, null);

        assertEquals(List.of(502, 2, 10, 10), levelsTried("NetSessionEnum"));
        assertEquals(3666L, again.sessions().get(0).activeSeconds());
    }

    @Test
    void pagesFollowTheResumeHandleUntilTheLastAndEveryPageIsFreed() {
        Documented64.Struct s502 = Documented64.SESSION_INFO_502;
        api.reply("NetSessionEnum", 502,
                page(s502, ERROR_MORE_DATA, 77, new Object[] {"\\\\10.0.0.3", "", 1, 100, 100, 0, XP, "tcp"},
                        new Object[] {"\\\\10.0.0.4", "", 1, 100, 100, 0, XP, "tcp"}),
                page(s502, ERROR_MORE_DATA, 78, new Object[] {"\\\\10.0.0.5", "", 1, 100, 100, 0, XP, "tcp"}),
                page(s502, 0, 0, new Object[] {"\\\\10.0.0.2", "labadmin", 2, 100, 1, 0, XP, "tcp"}));

        List<Session> sessions = server.sessions(null, null).sessions();

        assertEquals(List.of("10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.2"), sessions.stream().map(Session::client).toList());
        assertEquals(List.of(0L, 77L, 78L), api.calls.stream().map(Call::resume).toList());
        assertEquals(3, api.freed.size());
    }

    @Test
    void netFileEnumsResumeHandleIsPointerSized() {
        Documented64.Struct f3 = Documented64.FILE_INFO_3;
        long beyond32Bits = 0x1_0000_0005L;
        api.reply("NetFileEnum", 3,
                page(f3, ERROR_MORE_DATA, beyond32Bits, new Object[] {4660, 3, 0, "\\PIPE\\spoolss", ""}),
                page(f3, 0, 0, new Object[] {4664, 3, 1, "C:\\report.docx", "alice"}));

        List<OpenFile> files = server.openFiles(null, null);

        assertEquals(List.of(0L, beyond32Bits), api.calls.stream().map(Call::resume).toList());
        assertTrue(files.get(0).isPipe());
        assertEquals("spoolss", files.get(0).pipeName());
        assertEquals(4664, files.get(1).id());
    }

    @Test
    void aClientFilterIsSentAsUncAndAClientWithoutSessionsIsAnEmptyListing() {
        api.reply("NetSessionEnum", 502, Reply.status(NERR_CLIENT_NAME_NOT_FOUND));

        assertEquals(List.of(), server.sessions("\\\\10.0.0.99", "alice").sessions());
        assertEquals(Arrays.asList(null, "\\\\10.0.0.99", "alice"), api.calls.get(0).args());
        assertEquals(List.of(502), levelsTried("NetSessionEnum"), "not a refused level: nothing to fall back for");
    }

    @Test
    void theFiltersAreAppliedHereToo() {
        api.rows("NetSessionEnum", 502, new Object[] {"\\\\10.0.0.7", "", 1, 1, 1, 0, XP, "tcp"},
                new Object[] {"\\\\10.0.0.5", "alice", 1, 1, 1, 0, XP, "tcp"});
        assertEquals(List.of("10.0.0.5"), server.sessions("10.0.0.5", null).sessions().stream().map(Session::client).toList());
    }

    @Test
    void everyLevelRefusedIsAccessDeniedWithTheElevationHint() {
        for (int level : new int[] {502, 2, 10, 1}) {
            api.reply("NetSessionEnum", level, Reply.status(ERROR_ACCESS_DENIED));
        } // level 0: unscripted, ERROR_INVALID_LEVEL: the refusal is what the user hears about

        SmbkitException e = assertThrows(SmbkitException.class, () -> server.sessions(null, null));

        assertEquals(Failure.ACCESS_DENIED, e.failure());
        assertEquals(15, e.failure().exitCode());
        assertTrue(e.oneLine().contains("elevated prompt"), e.oneLine());
        assertTrue(e.oneLine().contains("ERROR_ACCESS_DENIED"), e.oneLine());
        assertEquals(List.of(502, 2, 10, 1, 0), levelsTried("NetSessionEnum"));
    }

    @Test
    void aStoppedServerServiceSaysSo() {
        api.reply("NetSessionEnum", 502, Reply.status(NERR_SERVER_NOT_STARTED));
        SmbkitException e = assertThrows(SmbkitException.class, () -> server.sessions(null, null));
        assertEquals(Failure.NOT_AVAILABLE, e.failure());
        assertTrue(e.oneLine().contains("NERR_ServerNotStarted") && e.oneLine().contains("net start server"), e.oneLine());
    }

    @Test
    void anUnexpectedStatusIsNamedWithItsCode() {
        api.reply("NetShareEnum", 502, Reply.status(1234));
        SmbkitException e = assertThrows(SmbkitException.class, server::shares);
        // issue 10: a status smbkit does not know is the system's answer, not exit 70 (a bug)
        assertEquals(Failure.NOT_AVAILABLE, e.failure());
        assertTrue(e.getMessage().contains("NetShareEnum level 502") && e.getMessage().contains("0x4D2"), e.getMessage());
    }

    @Test
    void moreDataWithNothingInItIsNotAnEndlessLoop() {
        api.reply("NetConnectionEnum", 1, new Reply(ERROR_MORE_DATA, NetapiMemory.of(Documented64.CONNECTION_INFO_1,
                new Object[] {1, 3, 0, 1, 1, "", "\\\\x"}), 0, 5));
        SmbkitException e = assertThrows(SmbkitException.class, () -> server.connections("IPC$"));
        assertEquals(Failure.INTERNAL, e.failure());
        assertTrue(e.getMessage().contains("without progress"), e.getMessage());
        assertEquals(1, api.calls.size());
    }

    @Test
    void aBufferIsFreedEvenWhenDecodingItFails() {
        WindowsServer failing = new WindowsServer(api, p -> {
            throw new IllegalStateException("GetSecurityDescriptorLength blew up");
        }, null);
        api.rows("NetShareEnum", 502, new Object[] {"HP", 1, "", 0, -1, 0, "HP", null, 0, new byte[] {1, 0, 4, (byte) 0x80}});
        assertThrows(IllegalStateException.class, failing::shares);
        assertEquals(1, api.freed.size());
    }

    @Test
    void connectionsOfAShareAndWhetherToTrustThem() {
        api.rows("NetConnectionEnum", 1, new Object[] {7, 3, 1, 1, 3665, "", "\\\\10.0.0.7"});
        var c = server.connections("IPC$");
        assertEquals("10.0.0.7", c.get(0).netname());
        assertEquals("IPC$", c.get(0).qualifier());
        assertEquals(Arrays.asList(null, "IPC$"), api.calls.get(0).args());
        assertTrue(server.connectionsAreReliable(), "Windows counts real connections, unlike Samba");
    }

    @Test
    void sharesAtLevel502WithTheirDescriptors() throws Exception {
        byte[] sd = NativeDecodingTest.printerDescriptor();
        WindowsServer withSd = new WindowsServer(api, p -> sd.length, null);
        api.rows("NetShareEnum", 502,
                new Object[] {"HP LaserJet", 1, "HP LaserJet 4050", 0, -1, 0, "HP LaserJet 4050,LocalsplOnly", null, 0, sd},
                new Object[] {"IPC$", (int) (Share.STYPE_IPC | Share.STYPE_SPECIAL), "Remote IPC", 0, -1, 1, "", null, 0, null});

        List<Share> shares = withSd.shares();

        assertTrue(shares.get(0).isPrinter());
        assertArrayEquals(sd, shares.get(0).securityDescriptor());
        assertFalse(shares.get(1).isPrinter());
    }

    @Test
    void oneShareFallsBackToLevel2WhenRefused502AndAnUnknownOneIsNotFound() {
        api.reply("NetShareGetInfo", 502, Reply.status(ERROR_ACCESS_DENIED))
                .rows("NetShareGetInfo", 2, new Object[] {"files", 0, "", 0, -1, 0, "D:\\files", null});
        Share files = server.share("files");
        assertEquals("D:\\files", files.path());
        assertNull(files.securityDescriptor());
        assertEquals(List.of(502, 2), levelsTried("NetShareGetInfo"));

        api.reply("NetShareGetInfo", 502, Reply.status(NERR_NET_NAME_NOT_FOUND));
        SmbkitException e = assertThrows(SmbkitException.class, () -> server.share("nope"));
        assertEquals(Failure.NOT_FOUND, e.failure());
        assertTrue(e.getMessage().contains("NERR_NetNameNotFound"), e.getMessage());
    }

    @Test
    void serverInfoFallsBackTo101AndTheLimitComesFrom102WhenGranted() {
        api.reply("NetServerGetInfo", 102, Reply.status(ERROR_ACCESS_DENIED))
                .rows("NetServerGetInfo", 101, new Object[] {500, "LABXP", 5, 1, 0x1003, ""});
        assertNull(server.serverInfo().maxUsers());
        assertEquals(List.of(102, 101), levelsTried("NetServerGetInfo"));

        api.rows("NetServerGetInfo", 102, new Object[] {500, "LABXP", 5, 1, 0x1003, "", 10, 15, 0, 240, 3000, 0, "C:\\"});
        assertEquals(10, SessionLimit.of(server.serverInfo()).limit());
    }

    @Test
    void serverInfoRefusedAtBothLevelsIsAccessDenied() {
        api.reply("NetServerGetInfo", 102, Reply.status(ERROR_ACCESS_DENIED));
        SmbkitException e = assertThrows(SmbkitException.class, server::serverInfo);
        assertEquals(Failure.ACCESS_DENIED, e.failure(), "101's ERROR_INVALID_LEVEL does not hide 102's refusal");
        assertNull(server.serverInfoOrNull());
    }

    @Test
    void deletingSessionsNamesTheClientAsUncAndAGoneOneIsNotFound() {
        api.reply("NetSessionDel", -1, Reply.status(0), Reply.status(NERR_CLIENT_NAME_NOT_FOUND), Reply.status(ERROR_ACCESS_DENIED));

        server.deleteSession("10.0.0.7", null);
        assertEquals(Arrays.asList(null, "\\\\10.0.0.7", null), api.calls.get(0).args());

        SmbkitException gone = assertThrows(SmbkitException.class, () -> server.deleteSession("\\\\10.0.0.7", "alice"));
        assertEquals(Failure.NOT_FOUND, gone.failure());
        assertEquals(Arrays.asList(null, "\\\\10.0.0.7", "alice"), api.calls.get(1).args());

        SmbkitException denied = assertThrows(SmbkitException.class, () -> server.deleteSession("10.0.0.7", null));
        assertEquals(Failure.ACCESS_DENIED, denied.failure());
        assertTrue(denied.oneLine().contains("elevated"), denied.oneLine());
    }

    @Test
    void closingAFileByIdAndOneAlreadyClosed() {
        api.reply("NetFileClose", -1, Reply.status(0), Reply.status(NERR_FILE_ID_NOT_FOUND));
        server.closeFile(4660);
        assertEquals(Arrays.asList(null, "4660"), api.calls.get(0).args());
        SmbkitException e = assertThrows(SmbkitException.class, () -> server.closeFile(4660));
        assertEquals(Failure.NOT_FOUND, e.failure());
        assertEquals(17, e.failure().exitCode());
    }

    @Test
    void addingASharePassesAShareInfo502AsDocumented() throws Exception {
        byte[] sd = NativeDecodingTest.printerDescriptor();
        api.reply("NetShareAdd", 502, Reply.status(0));
        server.addShare(new Share("HP LaserJet", 1, "HP LaserJet 4050", 0L, 0xFFFFFFFFL, 2L, "HP LaserJet 4050,LocalsplOnly", sd));

        var added = api.added.get(0);
        assertEquals("HP LaserJet", added.get("netname"));
        assertEquals(1, added.get("type"));
        assertEquals("HP LaserJet 4050,LocalsplOnly", added.get("path"));
        assertEquals(-1, added.get("max_uses"));
        assertEquals(0, added.get("current_uses"));
        assertArrayEquals(sd, (byte[]) added.get("security_descriptor"));
    }

    @Test
    void aRefusedShareSaysWhichField() {
        api.reply("NetShareAdd", 502, Reply.status(ERROR_INVALID_PARAMETER));
        api.parmErr = 10;
        SmbkitException e = assertThrows(SmbkitException.class,
                () -> server.addShare(new Share("x", 0, "", 0L, null, null, "C:\\x", null)));
        assertTrue(e.getMessage().contains("refused field 10") && e.getMessage().contains("ERROR_INVALID_PARAMETER"),
                e.getMessage());
    }

    @Test
    void deletingAShare() {
        api.reply("NetShareDel", -1, Reply.status(0), Reply.status(NERR_NET_NAME_NOT_FOUND));
        server.deleteShare("HP LaserJet");
        assertEquals(Arrays.asList(null, "HP LaserJet", "0"), api.calls.get(0).args());
        assertEquals(Failure.NOT_FOUND, assertThrows(SmbkitException.class, () -> server.deleteShare("HP LaserJet")).failure());
    }

    @Test
    void itIsThisMachineWithNoNetworkSessionOfItsOwn() {
        assertEquals("this machine (Windows)", server.where());
        assertNull(server.selfClient(), "no session of ours to spare: local calls use none");
        server.close();
        assertTrue(api.calls.isEmpty());
    }

    @Test
    void anEmptyListingMayComeWithoutABuffer() {
        api.reply("NetFileEnum", 3, new Reply(0, null, 0, 0));
        assertEquals(List.of(), server.openFiles(null, null));
    }
}
