package smbkit.access.windows;

import smbkit.render.FindingText;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import smbkit.Vectors;
import smbkit.access.windows.NativeStructs;
import smbkit.kb.SessionLimit;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.model.Share;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.ShareGetInfoCall;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * Memory filled as netapi32 fills it ({@link NetapiMemory}: structures first, UTF-16LE strings and
 * descriptors packed at the end) decoded into the same model the network path produces, level by level.
 */
class NativeDecodingTest {

    /** What WindowsServer does after each call: the documented structure's layout, then the one mapping. */
    static List<NdrStruct> decode(Documented64.Struct struct, Memory memory, int count, int sdLength) {
        return NativeStructs.read(memory, count, struct.layout(), p -> sdLength);
    }

    static List<Session> sessions(Documented64.Struct struct, Object[]... rows) {
        return decode(struct, NetapiMemory.of(struct, rows), rows.length, 0).stream().map(SrvsvcModels::session).toList();
    }

    static final String XP = "Windows 2002 Service Pack 3 2600";

    @Test
    void windowsShowsANullSessionWithAnEmptyUserName() {
        List<Session> s = sessions(Documented64.SESSION_INFO_502,
                new Object[] {"\\\\10.0.0.5", "alice", 2, 1520, 12, 0, XP, "\\Device\\NetbiosSmb"},
                new Object[] {"\\\\10.0.0.7", "", 1, 3665, 3600, 0, XP, "\\Device\\NetbiosSmb"},
                new Object[] {"\\\\10.0.0.9", "Guest", 1, 45, 40, 1, "", ""});

        assertEquals(new Session("10.0.0.7", "", 1L, 3665L, 3600L, 0L, XP, "\\Device\\NetbiosSmb"), s.get(1));
        assertEquals(List.of(SessionKind.USER, SessionKind.NULL, SessionKind.GUEST), s.stream().map(Session::kind).toList());
        assertEquals(List.of("10.0.0.5", "10.0.0.7", "10.0.0.9"), s.stream().map(Session::client).toList(),
                "client names without their leading backslashes");
    }

    @Test
    void namesBeyondAsciiDecodeAsUtf16() {
        List<Session> s = sessions(Documented64.SESSION_INFO_502,
                new Object[] {"\\\\ПК-БУХГАЛТЕР", "Jürgen", 0, 1, 1, 0, "Windows 10 Pro 19045", "\\Device\\NetBT_Tcpip_😀"});
        assertEquals("ПК-БУХГАЛТЕР", s.get(0).client());
        assertEquals("Jürgen", s.get(0).user());
        assertEquals("\\Device\\NetBT_Tcpip_😀", s.get(0).transport(), "a surrogate pair survives");
    }

    @Test
    void eachSessionLevelLeavesWhatItLacksNull() {
        Session level10 = sessions(Documented64.SESSION_INFO_10, new Object[] {"\\\\10.0.0.7", "", 3665, 3600}).get(0);
        assertEquals(new Session("10.0.0.7", "", null, 3665L, 3600L, null, null, null), level10);
        assertEquals(SessionKind.NULL, level10.kind());

        Session level2 = sessions(Documented64.SESSION_INFO_2, new Object[] {"\\\\10.0.0.5", "bob", 3, 60, 5, 0, XP}).get(0);
        assertEquals(new Session("10.0.0.5", "bob", 3L, 60L, 5L, 0L, XP, null), level2);

        Session level1 = sessions(Documented64.SESSION_INFO_1, new Object[] {"\\\\10.0.0.5", null, 3, 60, 5, 0}).get(0);
        // issue 10: a NULL user name pointer is absent (kind unknown), never the empty name of a NULL session
        assertEquals(null, level1.user());
        assertEquals(SessionKind.UNKNOWN, level1.kind());

        Session level0 = sessions(Documented64.SESSION_INFO_0, new Object[] {"\\\\10.0.0.5"}).get(0);
        assertEquals(new Session("10.0.0.5", null, null, null, null, null, null, null), level0);
        assertEquals(SessionKind.UNKNOWN, level0.kind());
    }

    @Test
    void netFilesListsTheSpoolerPipe() {
        Memory m = NetapiMemory.of(Documented64.FILE_INFO_3,
                new Object[] {4660, 3, 0, "\\PIPE\\spoolss", ""},
                new Object[] {4664, 3, 1, "C:\\Users\\alice\\report.docx", "alice"});
        List<OpenFile> f = decode(Documented64.FILE_INFO_3, m, 2, 0).stream().map(SrvsvcModels::openFile).toList();
        assertEquals(new OpenFile(4660, 3L, 0L, "\\PIPE\\spoolss", ""), f.get(0));
        assertEquals("spoolss", f.get(0).pipeName());
        assertEquals(new OpenFile(4664, 3L, 1L, "C:\\Users\\alice\\report.docx", "alice"), f.get(1));

        OpenFile idOnly = SrvsvcModels.openFile(decode(Documented64.FILE_INFO_2,
                NetapiMemory.of(Documented64.FILE_INFO_2, new Object[] {0x80000001}), 1, 0).get(0));
        assertEquals(new OpenFile(0x80000001L, null, null, null, null), idOnly, "an id is unsigned");
    }

    @Test
    void connectionsToIpcShowTheirClients() {
        Memory m = NetapiMemory.of(Documented64.CONNECTION_INFO_1,
                new Object[] {7, 3, 1, 1, 3665, "", "\\\\10.0.0.7"},
                new Object[] {8, 3, 0, 1, 12, "alice", "\\\\10.0.0.5"});
        List<Connection> c = decode(Documented64.CONNECTION_INFO_1, m, 2, 0).stream()
                .map(e -> SrvsvcModels.connection("IPC$", e)).toList();
        assertEquals(new Connection("IPC$", 7, 3L, 1L, 1L, 3665L, "", "10.0.0.7"), c.get(0));
        assertEquals("alice", c.get(1).user());

        Connection idOnly = SrvsvcModels.connection("IPC$", decode(Documented64.CONNECTION_INFO_0,
                NetapiMemory.of(Documented64.CONNECTION_INFO_0, new Object[] {9}), 1, 0).get(0));
        assertEquals(new Connection("IPC$", 9, null, null, null, null, null, null), idOnly);
    }

    /** A printer's self-relative security descriptor as a Windows server sent it (the shared vectors). */
    static byte[] printerDescriptor() throws Exception {
        ShareGetInfoCall call = new ShareGetInfoCall("\\\\LABSRV", "HP LaserJet", 502);
        call.decodeStub(Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"));
        return call.info().blob("security_descriptor");
    }

    @Test
    void aPrinterShareKeepsItsSecurityDescriptor() throws Exception {
        byte[] sd = printerDescriptor();
        Memory m = NetapiMemory.of(Documented64.SHARE_INFO_502,
                new Object[] {"HP LaserJet", (int) Share.STYPE_PRINTQ, "HP LaserJet 4050", 0, -1, 1,
                        "HP LaserJet 4050,LocalsplOnly", null, 0, sd},
                new Object[] {"C$", (int) (Share.STYPE_DISKTREE | Share.STYPE_SPECIAL), "Default share", 0, -1, 0, "C:\\",
                        null, 0, null});

        // shi502_reserved left at 0: the descriptor's own length (GetSecurityDescriptorLength) counts
        List<Share> shares = decode(Documented64.SHARE_INFO_502, m, 2, sd.length).stream().map(SrvsvcModels::share).toList();
        Share printer = shares.get(0);
        assertTrue(printer.isPrinter());
        assertEquals("printer", printer.kind());
        assertArrayEquals(sd, printer.securityDescriptor());
        assertEquals(new Share("HP LaserJet", 1, "HP LaserJet 4050", 0L, 0xFFFFFFFFL, 1L, "HP LaserJet 4050,LocalsplOnly",
                sd), printer);
        assertNull(shares.get(1).securityDescriptor());
        assertEquals("disk (special)", shares.get(1).kind());
    }

    @Test
    void theDescriptorsOwnLengthWinsOverReservedWhichIsOnlyAFallback() throws Exception {
        byte[] sd = printerDescriptor();
        Object[] row = {"HP LaserJet", 1, "", 0, -1, 0, "", null, 4, sd};
        Memory m = NetapiMemory.of(Documented64.SHARE_INFO_502, row);
        assertArrayEquals(sd, decode(Documented64.SHARE_INFO_502, m, 1, sd.length).get(0).blob("security_descriptor"),
                "a reserved field that is not the length is ignored");
        row[8] = sd.length;
        assertArrayEquals(sd, decode(Documented64.SHARE_INFO_502, NetapiMemory.of(Documented64.SHARE_INFO_502, row), 1, 0)
                .get(0).blob("security_descriptor"), "no length from the descriptor: reserved's");
    }

    @Test
    void poorerShareLevelsCarryNoDescriptor() {
        Share two = SrvsvcModels.share(decode(Documented64.SHARE_INFO_2, NetapiMemory.of(Documented64.SHARE_INFO_2,
                new Object[] {"files", 0, "team files", 0, -1, 2, "D:\\files", null}), 1, 0).get(0));
        assertEquals(new Share("files", 0, "team files", 0L, 0xFFFFFFFFL, 2L, "D:\\files", null), two);
        Share one = SrvsvcModels.share(decode(Documented64.SHARE_INFO_1, NetapiMemory.of(Documented64.SHARE_INFO_1,
                new Object[] {"IPC$", (int) (Share.STYPE_IPC | Share.STYPE_SPECIAL), "Remote IPC"}), 1, 0).get(0));
        assertEquals(new Share("IPC$", Share.STYPE_IPC | Share.STYPE_SPECIAL, "Remote IPC", null, null, null, null, null), one);
    }

    @Test
    void windowsXpProfessionalReportsItsTenUsers() {
        NdrStruct info = decode(Documented64.SERVER_INFO_102, NetapiMemory.of(Documented64.SERVER_INFO_102,
                new Object[] {500, "LABXP", 5, 1, 0x1003, "", 10, 15, 0, 240, 3000, 0, "C:\\"}), 1, 0).get(0);
        SessionLimit limit = SessionLimit.of(SrvsvcModels.serverInfo(info));
        assertEquals(10, limit.limit());
        assertEquals("the server's maximum users (sv102_users)", FindingText.basis(limit));
        assertEquals("LABXP", SrvsvcModels.serverInfo(info).name());
    }

    @Test
    void level101LeavesTheLimitToTheKbsFigure() {
        NdrStruct info = decode(Documented64.SERVER_INFO_101, NetapiMemory.of(Documented64.SERVER_INFO_101,
                new Object[] {500, "LABXP", 5, 1, 0x1003, "front desk"}), 1, 0).get(0);
        assertNull(SrvsvcModels.serverInfo(info).maxUsers());
        assertEquals(10, SessionLimit.of(SrvsvcModels.serverInfo(info)).limit());
    }

    @Test
    void aShareWrittenForNetShareAddIsLaidOutAsDocumented() throws Exception {
        byte[] sd = printerDescriptor();
        Share printer = new Share("HP LaserJet", 1, "HP LaserJet 4050", 0L, 0xFFFFFFFFL, 3L, "HP LaserJet 4050,LocalsplOnly", sd);
        Memory m = NativeStructs.write(SrvsvcModels.shareInfo502(printer));

        Map<String, Integer> at = new HashMap<>();
        Documented64.SHARE_INFO_502.members().forEach(mb -> at.put(mb.ours(), mb.offset()));
        assertEquals("HP LaserJet", NetapiMemory.readUtf16(m.getPointer(at.get("netname"))));
        assertEquals(1, m.getInt(at.get("type")));
        assertEquals("HP LaserJet 4050", NetapiMemory.readUtf16(m.getPointer(at.get("remark"))));
        assertEquals(-1, m.getInt(at.get("max_uses")));
        assertEquals(0, m.getInt(at.get("current_uses")), "the server counts uses, not the caller");
        assertEquals("HP LaserJet 4050,LocalsplOnly", NetapiMemory.readUtf16(m.getPointer(at.get("path"))));
        assertNull(m.getPointer(at.get("passwd")));
        assertEquals(sd.length, m.getInt(at.get("reserved")));
        assertArrayEquals(sd, m.getPointer(at.get("security_descriptor")).getByteArray(0, sd.length));
    }

    @Test
    void aNullStringPointerIsNullAndAnEmptyStringIsEmpty() {
        assertNull(NativeStructs.utf16((Pointer) null));
        assertEquals("", NativeStructs.utf16(NativeStructs.utf16("")));
        assertEquals("\\PIPE\\spoolss", NativeStructs.utf16(NativeStructs.utf16("\\PIPE\\spoolss")));
    }
}
