package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.Vectors;
import smbkit.kb.NullSessionAnalysis;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.Share;
import smbkit.rpc.dtyp.SecurityDescriptorText;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.SrvsvcOp;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.ShareGetInfoCall;
import smbkit.rpc.srvsvc.SrvsvcModels;
import smbkit.rpc.RpcCall;

/**
 * KB steps 2 and 3 on Windows-shaped bytes (impacket-encoded, see vectors/INDEX.md): net files with
 * \PIPE\spoolss held by a NULL session, the connection table, the shares with a printer, and the requests
 * that close sessions and files or add and remove shares.
 */
class SrvsvcFilesAndSharesVectorsTest {

    static final String SERVER = "\\\\LABSRV";

    static EnumCall decode(EnumCall.Kind kind, String vector, int level, String... filters) throws Exception {
        EnumCall call = new EnumCall(kind, SERVER, filters, level, -1, 0);
        byte[] stub = Vectors.bytes(vector);
        assertEquals(stub.length, call.decodeStub(stub), "the reply's structure uses every byte");
        return call;
    }

    @Test
    @SuppressWarnings("unchecked")
    void netFilesOnWindowsListsTheSpoolerPipeOfANullSession() throws Exception {
        String name = "impacket/srvsvc-NetrFileEnum-out-level3-openfiles.hex";
        EnumCall call = decode(EnumCall.Kind.FILES, name, 3, null, null);
        Vectors.assertSameEntries((List<Map<String, Object>>) Vectors.values(name).get("entries"), call.entries());

        List<OpenFile> files = call.entries().stream().map(SrvsvcModels::openFile).toList();
        OpenFile spoolss = files.get(0);
        assertEquals(new OpenFile(4660, 3L, 0L, "\\PIPE\\spoolss", ""), spoolss);
        assertTrue(spoolss.isPipe());
        assertEquals("spoolss", spoolss.pipeName());
        assertTrue(NullSessionAnalysis.isSpoolss(spoolss.path()));
        assertFalse(files.get(1).isPipe(), "a document is a file");
        assertTrue(files.get(2).isPipe());
    }

    @Test
    void level2CarriesOnlyIds() throws Exception {
        EnumCall call = decode(EnumCall.Kind.FILES, "impacket/srvsvc-NetrFileEnum-out-level2-openfiles.hex", 2, null, null);
        assertEquals(List.of(new OpenFile(4660, null, null, null, null), new OpenFile(4664, null, null, null, null),
                new OpenFile(4672, null, null, null, null)), call.entries().stream().map(SrvsvcModels::openFile).toList());
    }

    @Test
    void aPartialFileListingResumes() throws Exception {
        EnumCall call = decode(EnumCall.Kind.FILES, "impacket/srvsvc-NetrFileEnum-out-level3-moredata.hex", 3, null, null);
        assertEquals(234, call.status());
        assertEquals(3, call.totalEntries());
        assertEquals(1, call.nextResumeHandle());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConnectionTableOfIpcShowsEachClient() throws Exception {
        String name = "impacket/srvsvc-NetrConnectionEnum-out-level1-ipc.hex";
        EnumCall call = decode(EnumCall.Kind.CONNECTIONS, name, 1, "IPC$");
        Vectors.assertSameEntries((List<Map<String, Object>>) Vectors.values(name).get("entries"), call.entries());
        List<Connection> c = call.entries().stream().map(e -> SrvsvcModels.connection("IPC$", e)).toList();
        assertEquals(new Connection("IPC$", 11, 3L, 1L, 1L, 3663L, "", "10.0.0.7"), c.get(1));

        EnumCall level0 = decode(EnumCall.Kind.CONNECTIONS, "impacket/srvsvc-NetrConnectionEnum-out-level0-ipc.hex", 0, "IPC$");
        assertEquals(List.of(10L, 11L, 12L), level0.entries().stream().map(e -> e.u32("id")).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void netShareMarksThePrinter() throws Exception {
        String name = "impacket/srvsvc-NetrShareEnumAll-out-level2-printer.hex";
        EnumCall call = decode(EnumCall.Kind.SHARES, name, 2);
        Vectors.assertSameEntries((List<Map<String, Object>>) Vectors.values(name).get("entries"), call.entries());
        List<Share> shares = call.entries().stream().map(SrvsvcModels::share).toList();
        assertEquals(List.of("IPC (special)", "disk (special)", "disk", "printer"), shares.stream().map(Share::kind).toList());
        assertTrue(shares.get(3).isPrinter());
        assertEquals("HP LaserJet 4050,LocalsplOnly", shares.get(3).path());
    }

    @Test
    @SuppressWarnings("unchecked")
    void level502CarriesThePrintersSecurityDescriptor() throws Exception {
        String name = "impacket/srvsvc-NetrShareEnumAll-out-level502-printer-sd.hex";
        EnumCall call = decode(EnumCall.Kind.SHARES, name, 502);
        Vectors.assertSameEntries((List<Map<String, Object>>) Vectors.values(name).get("entries"), call.entries());
        Share printer = SrvsvcModels.share(call.entries().get(3));
        assertEquals(100, printer.securityDescriptor().length);

        ShareGetInfoCall get = new ShareGetInfoCall(SERVER, "HP LaserJet", 502);
        byte[] stub = Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex");
        assertEquals(stub.length, get.decodeStub(stub));
        assertEquals(100, get.info().blob("security_descriptor").length);
        assertEquals(printer, SrvsvcModels.share(get.info()), "NetrShareGetInfo and NetrShareEnumAll agree");
        assertEquals("O:BAG:SYD:(A;;0x20008;;;WD)(A;;0xf000c;;;BA)", SecurityDescriptorText.sddl(printer.securityDescriptor()),
                "the descriptor impacket encoded");
        assertEquals("Everyone: print; BUILTIN\\Administrators: manage printers",
                SecurityDescriptorText.describe(printer.securityDescriptor()));
    }

    @Test
    void enumerationRequestsMatchImpacket() throws Exception {
        Vectors.assertSameStub("impacket/srvsvc-NetrFileEnum-in-level3-labsrv.hex",
                new EnumCall(EnumCall.Kind.FILES, SERVER, new String[] {null, null}, 3, -1, 0).encodeStub());
        Vectors.assertSameStub("impacket/srvsvc-NetrConnectionEnum-in-level1-ipc.hex",
                new EnumCall(EnumCall.Kind.CONNECTIONS, SERVER, new String[] {"IPC$"}, 1, -1, 0).encodeStub());
        Vectors.assertSameStub("impacket/srvsvc-NetrShareEnumAll-in-level2-labsrv.hex",
                new EnumCall(EnumCall.Kind.SHARES, SERVER, new String[0], 2, -1, 0).encodeStub());
        Vectors.assertSameStub("impacket/srvsvc-NetrShareEnumAll-in-level502-labsrv.hex",
                new EnumCall(EnumCall.Kind.SHARES, SERVER, new String[0], 502, -1, 0).encodeStub());
        Vectors.assertSameStub("impacket/srvsvc-NetrShareGetInfo-in-level502-printer.hex",
                new ShareGetInfoCall(SERVER, "HP LaserJet", 502).encodeStub());
    }

    @Test
    void closingAndShareChangingRequestsMatchImpacket() throws Exception {
        Vectors.assertSameStub("impacket/srvsvc-NetrSessionDel-in-client.hex",
                new RpcCall(SrvsvcOp.NetrSessionDel, SERVER, "\\\\10.0.0.7", null).encodeStub());
        Vectors.assertSameStub("impacket/srvsvc-NetrFileClose-in-0x1234.hex", new RpcCall(SrvsvcOp.NetrFileClose, SERVER, 0x1234).encodeStub());
        Vectors.assertSameStub("impacket/srvsvc-NetrShareDel-in-printer.hex", new RpcCall(SrvsvcOp.NetrShareDel, SERVER, "HP LaserJet", 0).encodeStub());

        ShareGetInfoCall get = new ShareGetInfoCall(SERVER, "HP LaserJet", 502);
        get.decodeStub(Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"));
        NdrStruct info = SrvsvcModels.shareInfo502(SrvsvcModels.share(get.info()));
        assertEquals(InfoLevels.SHARE.get(502), info.layout());
        Vectors.assertSameStub("impacket/srvsvc-NetrShareAdd-in-level502-printer-sd.hex", new RpcCall(SrvsvcOp.NetrShareAdd, SERVER, 502, info, 0).encodeStub());
    }
}
