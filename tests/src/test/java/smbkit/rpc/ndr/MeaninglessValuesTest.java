package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.util.Encdec;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.Vectors;
import smbkit.change.AnonymousRestriction;
import smbkit.change.PrinterShares;
import smbkit.fuzz.Book;
import smbkit.fuzz.Consumers;
import smbkit.fuzz.DecodedServer;
import smbkit.kb.HostDiagnosis;
import smbkit.model.RegistryValue;
import smbkit.model.Session;
import smbkit.model.SessionKind;
import smbkit.model.Share;
import smbkit.model.Snapshot;
import smbkit.render.OpenPipesViews;
import smbkit.render.Renderer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.InfoContainer;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.ServerGetInfoCall;
import smbkit.rpc.winreg.EnumKeyCall;
import smbkit.rpc.winreg.OpenLocalMachineCall;
import smbkit.rpc.winreg.QueryValueCall;
import smbkit.rpc.winreg.Winreg;
import smbkit.scan.SnapshotCollector;
import smbkit.store.SnapshotJson;

/**
 * Replies that are valid NDR but mean nothing, each decided: refused as malformed (exit 19) at the decoder,
 * or carried as absent; either way no consumer (model, kb, render, snapshot JSON, the methods) throws, and
 * no absent value becomes a NULL session.
 */
class MeaninglessValuesTest {

    static final byte[] KEY = new byte[20];

    static {
        KEY[4] = 1;
    }

    /** An enumeration reply written with the structures the client decodes with. */
    static byte[] listing(int level, Map<Integer, smbkit.rpc.ndr.Layout> family, List<NdrStruct> entries, int total, int status) {
        NdrBuffer buf = new NdrBuffer(new byte[16 * 1024], 0);
        buf.enc_ndr_long(level);
        buf.enc_ndr_long(level);
        InfoContainer c = new InfoContainer(family.get(level), entries);
        buf.enc_ndr_referent(c, 1);
        c.encode(buf);
        buf = buf.deferred;
        buf.align(4);
        buf.enc_ndr_long(total);
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(status);
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    static NdrStruct session10(String cname, String user) {
        return new NdrStruct(InfoLevels.SESSION.get(10)).set("cname", cname).set("username", user).set("time", 100).set("idle_time", 100);
    }

    static void malformed(RpcCall call, byte[] stub) {
        assertThrows(MalformedReplyException.class, () -> call.decodeStub(stub));
    }

    static EnumCall sessions(int level) {
        return new EnumCall(EnumCall.Kind.SESSIONS, "\\\\LABSRV", new String[2], level, -1, 0);
    }

    /** The consumers all run on the server and none throws; returns its snapshot. */
    static Snapshot consumed(Book book) throws Exception {
        Consumers.run(new DecodedServer(book.direct()), true);
        Consumers.run(new DecodedServer(book.fragmented(new java.util.Random(1), 40)), false);
        return SnapshotCollector.collect(new DecodedServer(book.direct()));
    }

    static void refusedAsMalformed(Snapshot s, String part) {
        assertTrue(s.refused().containsKey(part), s.refused().toString());
        assertEquals(Failure.MALFORMED_REPLY, s.refused().get(part).failure(), s.refused().get(part).reason());
    }

    @Test
    void aShareWithANullNameIsMalformedAndAShareWithoutANameNeverCrashesTheConsumers() throws Exception {
        NdrStruct unnamed = new NdrStruct(InfoLevels.SHARE.get(1)).set("netname", null).set("type", 1).set("remark", "x");
        byte[] stub = listing(1, InfoLevels.SHARE, List.of(unnamed), 1, 0);
        malformed(new EnumCall(EnumCall.Kind.SHARES, "\\\\LABSRV", new String[0], 1, -1, 0), stub);
        Book book = Book.windows();
        book.replies().remove("NetrShareEnumAll/502");
        book.put("NetrShareEnumAll/1", stub);
        Snapshot s = consumed(book);
        refusedAsMalformed(s, "shares");
        SmbkitException e = assertThrows(SmbkitException.class, () -> PrinterShares.plan(new DecodedServer(book.direct()), List.of()));
        assertEquals(Failure.MALFORMED_REPLY, e.failure());
        // from another path (local tools), a share without a name is carried as absent, not a crash
        Share nameless = new Share(null, Share.STYPE_PRINTQ, null, null, null, null, null, null);
        assertEquals("", nameless.key());
        assertEquals("printer", nameless.kind());
        Snapshot withIt = new Snapshot("h", java.time.Instant.EPOCH, null, null, null, null, null, null, List.of(nameless), null, Map.of());
        Renderer.json(SnapshotJson.write(withIt));
        Renderer.csv(OpenPipesViews.shares(List.of(nameless)));
        HostDiagnosis.of(withIt);
    }

    @Test
    void aDwordWithoutDataIsMalformedAndNeverReachesMethodOneAsAnException() throws Exception {
        byte[] stub = WinregReplies.queryValue(RegistryValue.REG_DWORD, new byte[0], 0, 0);
        malformed(new QueryValueCall(KEY, "RestrictAnonymous", 4096), stub);
        Book book = Book.windows().put("BaseRegQueryValue", stub);
        Snapshot s = consumed(book);
        refusedAsMalformed(s, "NULL-session settings (registry)");
        SmbkitException e = assertThrows(SmbkitException.class, () -> AnonymousRestriction.read(new DecodedServer(book.direct())));
        assertEquals(Failure.MALFORMED_REPLY, e.failure());
        assertEquals(19, e.failure().exitCode());
        // a value of that shape from elsewhere displays as unreadable
        assertTrue(new RegistryValue(RegistryValue.REG_DWORD, new byte[0]).display().startsWith("unreadable"));
        assertEquals(0, new RegistryValue(RegistryValue.REG_SZ, null).data().length);
    }

    @Test
    void aReplyAtAnotherLevelThanAskedIsMalformed() throws Exception {
        byte[] level0 = Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level0-nullsessions.hex");
        malformed(sessions(502), level0);
        Snapshot s = consumed(Book.windows().put("NetrSessionEnum/502", level0));
        refusedAsMalformed(s, "sessions");
        assertEquals(null, s.sessions());
    }

    @Test
    void totalEntriesSmallerThanTheEntriesIsMalformed() throws Exception {
        byte[] stub = listing(10, InfoLevels.SESSION, List.of(session10("\\\\10.0.0.7", ""), session10("\\\\10.0.0.8", "")), 1, 0);
        malformed(sessions(10), stub);
        Book book = Book.windows();
        book.replies().remove("NetrSessionEnum/502");
        refusedAsMalformed(consumed(book.put("NetrSessionEnum/10", stub)), "sessions");
    }

    @Test
    void aNullInfoPointerWithSuccessIsMalformedNotAnInternalError() throws Exception {
        byte[] stub = new byte[12];
        Encdec.enc_uint32le(102, stub, 0);
        malformed(new ServerGetInfoCall("\\\\LABSRV", 102), stub);
        Snapshot s = consumed(Book.windows().put("NetrServerGetInfo/102", stub));
        refusedAsMalformed(s, "server info");
        // an enumeration that says ERROR_SUCCESS but has no container is not an empty listing
        byte[] noContainer = new byte[24];
        Encdec.enc_uint32le(502, noContainer, 0);
        Encdec.enc_uint32le(502, noContainer, 4);
        malformed(sessions(502), noContainer);
        refusedAsMalformed(consumed(Book.windows().put("NetrSessionEnum/502", noContainer)), "sessions");
    }

    @Test
    void anAllZeroHandleWithSuccessIsMalformed() throws Exception {
        byte[] stub = WinregReplies.handle(0, 0);
        malformed(new OpenLocalMachineCall(Winreg.MAXIMUM_ALLOWED), stub);
        Snapshot s = consumed(Book.windows().put("OpenLocalMachine", stub));
        refusedAsMalformed(s, "NULL-session settings (registry)");
    }

    @Test
    void aNullOrEmptySubkeyNameIsMalformed() throws Exception {
        malformed(new EnumKeyCall(KEY, 0), WinregReplies.enumKey(null, 0));
        malformed(new EnumKeyCall(KEY, 0), WinregReplies.enumKey("", 0));
        Book book = Book.windows().put("BaseRegEnumKey/0", WinregReplies.enumKey(null, 0));
        consumed(book);
        SmbkitException e = assertThrows(SmbkitException.class,
                () -> new DecodedServer(book.direct()).registry().subkeys("Software\\Samba\\smbconf"));
        assertEquals(Failure.MALFORMED_REPLY, e.failure());
    }

    @Test
    void aStringWithANulInsideIsMalformedNeverANullSessionsEmptyName() throws Exception {
        byte[] stub = listing(10, InfoLevels.SESSION, List.of(session10("\\\\10.0.0.7", "\0alice")), 1, 0);
        malformed(sessions(10), stub);
        Book book = Book.windows();
        book.replies().remove("NetrSessionEnum/502");
        refusedAsMalformed(consumed(book.put("NetrSessionEnum/10", stub)), "sessions");
        // trailing NULs are only the terminator
        byte[] ok = listing(10, InfoLevels.SESSION, List.of(session10("\\\\10.0.0.7", "alice\0\0")), 1, 0);
        EnumCall call = sessions(10);
        call.decodeStub(ok);
        assertEquals("alice", call.entries().get(0).str("username"));
    }

    @Test
    void aNullUserNamePointerIsAbsentNotANullSession() throws Exception {
        byte[] stub = listing(10, InfoLevels.SESSION, List.of(session10("\\\\10.0.0.7", null)), 1, 0);
        EnumCall call = sessions(10);
        call.decodeStub(stub);
        Session s = smbkit.rpc.srvsvc.SrvsvcModels.session(call.entries().get(0));
        assertEquals(null, s.user());
        assertEquals(SessionKind.UNKNOWN, s.kind());
        Book book = Book.windows();
        book.replies().remove("NetrSessionEnum/502");
        Snapshot snap = consumed(book.put("NetrSessionEnum/10", stub));
        assertEquals(1, snap.sessions().size());
        assertTrue(smbkit.render.DiagnosisView.nullClients(snap).isEmpty(), "no NULL session invented");
    }

    @Test
    void trailingBytesAfterTheReplyAreMalformed() {
        byte[] stub = Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level10-3sessions.hex");
        byte[] longer = Arrays.copyOf(stub, stub.length + 8);
        malformed(sessions(10), longer);
        byte[] garbage = Arrays.copyOf(stub, stub.length + 2);
        garbage[stub.length] = 'x';
        malformed(sessions(10), garbage);
        assertTrue(new String(garbage, StandardCharsets.ISO_8859_1).endsWith("x\0"));
    }

    @Test
    void moreDataWithTheResumeHandleSentBackIsNoProgressNotAHundredThousandPages() throws Exception {
        // found by the fuzz harness: ERROR_MORE_DATA with resume handle 0 (the one sent) paged 100,000 times
        byte[] stub = Vectors.bytes("impacket/srvsvc-NetrConnectionEnum-out-level0-ipc.hex");
        Encdec.enc_uint32le(234, stub, stub.length - 4);
        Book book = Book.windows();
        book.replies().keySet().removeIf(k -> k.startsWith("NetrConnectionEnum/"));
        book.put("NetrConnectionEnum/0", stub);
        SmbkitException e = assertThrows(SmbkitException.class, () -> new DecodedServer(book.direct()).connections("IPC$"));
        assertEquals(Failure.MALFORMED_REPLY, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("without progress"), e.getMessage());
        consumed(book);
    }
}
