package smbkit.rpc.dtyp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.util.Encdec;
import smbkit.Vectors;
import smbkit.model.Share;
import smbkit.model.Snapshot;
import smbkit.render.Renderer;
import smbkit.rpc.ndr.InfoContainer;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.ShareGetInfoCall;
import smbkit.rpc.srvsvc.SrvsvcModels;
import smbkit.store.SnapshotJson;

/**
 * Self-relative security descriptors read by smbkit's own bounded parser: what a share's descriptor says
 * is shown as what it is, a descriptor that contradicts itself is "unreadable", and no descriptor makes
 * the text or the time grow.
 */
class SecurityDescriptorParserTest {

    static final String WD = "010100000000000100000000"; // S-1-1-0
    static final String BA = "01020000000000052000000020020000"; // S-1-5-32-544

    /** The printer share's descriptor in impacket's level-502 vector: O:BAG:SYD:(A;;0x20008;;;WD)(A;;0xf000c;;;BA). */
    static byte[] printerSd() throws Exception {
        ShareGetInfoCall call = new ShareGetInfoCall("\\\\LABSRV", "HP LaserJet", 502);
        call.decodeStub(Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"));
        return call.info().blob("security_descriptor");
    }

    static byte[] hex(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }

    /** A descriptor with SE_DACL_PRESENT|SE_SELF_RELATIVE, owner BA, and a DACL of the given ACEs. */
    static byte[] withAces(String... aces) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int aceBytes = 0;
        for (String a : aces) {
            aceBytes += a.length() / 2;
        }
        byte[] acl = new byte[8];
        acl[0] = 2;
        Encdec.enc_uint16le((short) (8 + aceBytes), acl, 2);
        Encdec.enc_uint16le((short) aces.length, acl, 4);
        byte[] header = new byte[20];
        header[0] = 1;
        Encdec.enc_uint16le((short) 0x8004, header, 2);
        byte[] owner = hex(BA);
        Encdec.enc_uint32le(20, header, 4);
        Encdec.enc_uint32le(20 + owner.length, header, 16);
        body.writeBytes(header);
        body.writeBytes(owner);
        body.writeBytes(acl);
        for (String a : aces) {
            body.writeBytes(hex(a));
        }
        return body.toByteArray();
    }

    /** An ACE of a type with a mask and SID (size computed). */
    static String ace(int type, int mask, String sid) {
        int size = 8 + sid.length() / 2;
        byte[] h = new byte[8];
        h[0] = (byte) type;
        Encdec.enc_uint16le((short) size, h, 2);
        Encdec.enc_uint32le(mask, h, 4);
        return java.util.HexFormat.of().formatHex(h) + sid;
    }

    @Test
    void theVectorsDescriptorReadsAsImpacketRendersIt() throws Exception {
        byte[] sd = printerSd();
        assertEquals("O:BAG:SYD:(A;;0x20008;;;WD)(A;;0xf000c;;;BA)", SecurityDescriptorText.sddl(sd));
        assertEquals("Everyone: print; BUILTIN\\Administrators: manage printers", SecurityDescriptorText.describe(sd));
    }

    @Test
    void aNegativeDaclOffsetIsUnreadableNotNoDacl() throws Exception {
        byte[] sd = printerSd();
        Encdec.enc_uint32le(-8, sd, 16);
        assertTrue(SecurityDescriptorText.describe(sd).startsWith("unreadable descriptor"), SecurityDescriptorText.describe(sd));
        assertNull(SecurityDescriptorText.sddl(sd));
    }

    @Test
    void aDaclOffsetInsideTheHeaderIsUnreadableNotNobody() throws Exception {
        for (int at = 1; at < 20; at++) {
            byte[] sd = printerSd();
            Encdec.enc_uint32le(at, sd, 16);
            String text = SecurityDescriptorText.describe(sd);
            assertTrue(text.startsWith("unreadable descriptor"), at + ": " + text);
        }
    }

    @Test
    void theDaclPresentFlagClearMeansNoDaclWhateverTheOffset() throws Exception {
        byte[] sd = printerSd();
        sd[2] &= ~0x04;
        String text = SecurityDescriptorText.describe(sd);
        assertTrue(text.startsWith("no DACL: everyone has full access"), text);
        assertTrue(text.contains("SE_DACL_PRESENT is clear"), text);
        assertFalse(SecurityDescriptorText.sddl(sd).contains("D:"), SecurityDescriptorText.sddl(sd));
        // present with offset 0: a NULL DACL, which Windows also reads as full access
        byte[] nullDacl = printerSd();
        Encdec.enc_uint32le(0, nullDacl, 16);
        assertEquals("no DACL: everyone has full access", SecurityDescriptorText.describe(nullDacl));
        assertTrue(SecurityDescriptorText.sddl(nullDacl).endsWith("D:NO_ACCESS_CONTROL"));
    }

    @Test
    void objectAllowedAndAuditEntriesAreNotShownAsDeny() {
        String objectAllowed = "05000000" + "08000000" + "00000000" + WD; // OA, no GUIDs
        byte[] oa = hex(objectAllowed);
        Encdec.enc_uint16le((short) oa.length, oa, 2);
        byte[] sd = withAces(java.util.HexFormat.of().formatHex(oa), ace(0x2, 0x8, WD), ace(0x1, 0x8, WD), ace(0x9, 0x8, WD));
        String text = SecurityDescriptorText.describe(sd);
        assertEquals("Everyone: print (object entry); AUDIT Everyone: print, grants nothing; DENY Everyone: print; "
                + "Everyone: print (callback entry)", text);
        assertEquals("O:BAD:(OA;;0x8;;;WD)(AU;;0x8;;;WD)(D;;0x8;;;WD)(XA;;0x8;;;WD)", SecurityDescriptorText.sddl(sd));
    }

    @Test
    void anAceOfSizeZeroIsUnreadableAtOnce() {
        byte[] sd = withAces(ace(0, 0x8, WD));
        Encdec.enc_uint16le((short) 0, sd, 20 + 16 + 8 + 2);
        Encdec.enc_uint16le((short) 4096, sd, 20 + 16 + 4); // and an ACL claiming 4096 of them
        assertTrue(SecurityDescriptorText.describe(sd).startsWith("unreadable descriptor"), SecurityDescriptorText.describe(sd));
        sd = withAces(ace(0, 0x8, WD));
        Encdec.enc_uint16le((short) 0, sd, 20 + 16 + 8 + 2);
        assertTrue(SecurityDescriptorText.describe(sd).contains("has size 0"), SecurityDescriptorText.describe(sd));
    }

    @Test
    void aceSizesMustBeAlignedAndInsideTheAcl() {
        byte[] sd = withAces(ace(0, 0x8, WD));
        Encdec.enc_uint16le((short) 22, sd, 20 + 16 + 8 + 2);
        assertTrue(SecurityDescriptorText.describe(sd).startsWith("unreadable"));
        sd = withAces(ace(0, 0x8, WD));
        Encdec.enc_uint16le((short) 64, sd, 20 + 16 + 8 + 2);
        assertTrue(SecurityDescriptorText.describe(sd).startsWith("unreadable"));
    }

    @Test
    void aLongDaclIsCutWithWhatIsLeftOut() {
        String[] aces = new String[600];
        java.util.Arrays.fill(aces, ace(0, 0x8, BA));
        byte[] sd = withAces(aces);
        String text = SecurityDescriptorText.describe(sd);
        assertTrue(text.length() <= SecurityDescriptorText.MAX_CHARS + 40, "length " + text.length());
        assertTrue(text.endsWith("more entries)"), text.substring(text.length() - 40));
        assertTrue(SecurityDescriptorText.sddl(sd).length() <= SecurityDescriptorText.MAX_CHARS + 40);
    }

    /** The case: a 444-byte descriptor whose ACE size is 0, on each of 100 shares of one listing. */
    static byte[] sizeZeroDescriptor() {
        String[] aces = new String[24];
        java.util.Arrays.fill(aces, ace(0, 0x1F01FF, BA));
        byte[] sd = withAces(aces);
        Encdec.enc_uint16le((short) 0, sd, 20 + 16 + 8 + 2);
        Encdec.enc_uint16le((short) 4096, sd, 20 + 16 + 4);
        return sd;
    }

    @Test
    void aListingOfAHundredSharesWithSizeZeroAcesStaysSmall() throws Exception {
        byte[] sd = sizeZeroDescriptor();
        List<NdrStruct> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(new NdrStruct(InfoLevels.SHARE.get(502)).set("netname", "printer" + i).set("type", 1)
                    .set("remark", "").set("permissions", 0).set("max_uses", -1).set("current_uses", 0)
                    .set("path", "p").set("passwd", null).set("reserved", sd.length).set("security_descriptor", sd));
        }
        NdrBuffer buf = new NdrBuffer(new byte[128 * 1024], 0);
        buf.enc_ndr_long(502);
        buf.enc_ndr_long(502);
        InfoContainer c = new InfoContainer(InfoLevels.SHARE.get(502), entries);
        buf.enc_ndr_referent(c, 1);
        c.encode(buf);
        buf = buf.deferred;
        buf.enc_ndr_long(100);
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(0);
        byte[] stub = java.util.Arrays.copyOf(buf.buf, buf.getLength());
        assertTrue(stub.length > 45_000, stub.length + " bytes");

        System.gc();
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory() - rt.freeMemory();
        EnumCall call = new EnumCall(EnumCall.Kind.SHARES, "\\\\LABSRV", new String[0], 502, -1, 0);
        call.decodeStub(stub);
        List<Share> shares = call.entries().stream().map(SrvsvcModels::share).toList();
        Snapshot snap = new Snapshot("h", java.time.Instant.EPOCH, null, null, null, null, null, null, shares, null, Map.of());
        String json = Renderer.json(SnapshotJson.write(snap));
        String views = Renderer.csv(smbkit.render.OpenPipesViews.shares(shares));
        long grown = rt.totalMemory() - rt.freeMemory() - before;
        assertEquals(100, shares.size());
        // bounded in work and memory, not timed: speed belongs to the benchmarks
        assertTrue(json.length() < 200_000, json.length() + " chars of JSON");
        assertTrue(grown < 64L << 20, (grown >> 20) + " MB");
        assertTrue(json.contains("unreadable descriptor"), json.substring(0, 500));
        assertFalse(views.isEmpty());
    }
}
