package smbkit.netbios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.rpc.ndr.MalformedReplyException;

/**
 * The name service on bytes: our queries against RFC 1002's layout and the ones in the third-party capture
 * smb2-ntlmssp-negotiateflags.pcap (a Windows 10 client's name query for SCV<20> and its answer, frames 179
 * and 180), node status replies built as nmbd writes them, and every truncation rejected.
 */
public class NbnsPacketTest {

    static final HexFormat HEX = HexFormat.of();
    /** Frame 180 (its UDP payload): SCV's answer for SCV<20>, its two addresses (a B-node's flags 0x6000). */
    static final String ANSWER_180 = "a792850000000001000000002046444544464743414341434143414341434143414341434143414341434143410000"
            + "200001000493e0000c6000c0a8c7016000c0a80a01";

    /** A node status reply: the names given ({@code name, suffix, flags}) then a MAC and 40 bytes of statistics. */
    public static byte[] nodeStatusReply(int id, Object[]... names) {
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        rdata.write(names.length);
        for (Object[] n : names) {
            byte[] raw = NetbiosName.raw((String) n[0], (Integer) n[1]);
            rdata.writeBytes(Arrays.copyOf(raw, 16));
            int flags = (Integer) n[2];
            rdata.write(flags >> 8);
            rdata.write(flags);
        }
        rdata.writeBytes(new byte[] {0x00, 0x0c, 0x29, 0x12, 0x34, 0x56});
        rdata.writeBytes(new byte[40]);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, (byte) 0x84, 0x00, 0, 0, 0, 1, 0, 0, 0, 0});
        b.writeBytes(NetbiosName.encode("*", 0));
        b.writeBytes(new byte[] {0, 0x21, 0, 1, 0, 0, 0, 0});
        byte[] r = rdata.toByteArray();
        b.write(r.length >> 8);
        b.write(r.length);
        b.writeBytes(r);
        return b.toByteArray();
    }

    public static final Object[][] LAB_MEMBER = {
        {"LABWG-PC2", 0x00, 0x0400}, {"LABWG-PC2", 0x03, 0x0400}, {"LABWG-PC2", 0x20, 0x0400},
        {"LABWG", 0x00, 0x8400}, {"LABWG", 0x1E, 0x8400}};

    @Test
    void encodesNamesAsRfc1001Says() {
        // RFC 1001 14.1: "FRED" padded with spaces, suffix 0x20
        assertEquals("20" + HEX.formatHex("EGFCEFEECACACACACACACACACACACACA".getBytes()) + "00",
                HEX.formatHex(NetbiosName.encode("fred", 0x20)));
        byte[] status = NbnsPacket.nodeStatusQuery(0x1234);
        assertEquals("12340000000100000000000020" + HEX.formatHex("CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".getBytes()) + "0000210001",
                HEX.formatHex(status));
        byte[] query = NbnsPacket.nameQuery(1, "LABWG", 0x1D, false, true);
        assertEquals(0x0100, NbnsPacket.u16(query, 2)); // recursion desired, not broadcast
        assertEquals(0x0000, NbnsPacket.u16(NbnsPacket.nameQuery(1, "LABWG", 0x1D, false, false), 2)); // to the owner
        assertEquals(0x0110, NbnsPacket.u16(NbnsPacket.nameQuery(1, "LABWG", 0x1D, true, true), 2));
    }

    @Test
    void readsTheCapturedNameQueryAnswer() throws Exception {
        byte[] b = HEX.parseHex(ANSWER_180);
        NbnsPacket.Response r = NbnsPacket.parse(b, b.length);
        assertTrue(r.positive());
        assertEquals("SCV", r.name());
        assertEquals(0x20, r.suffix());
        assertEquals(0xa792, r.id());
        assertEquals(List.of(InetAddress.getByName("192.168.199.1"), InetAddress.getByName("192.168.10.1")), NbnsPacket.addresses(r));
        for (int n = 0; n < b.length; n++) {
            int len = n;
            assertThrows(MalformedReplyException.class, () -> {
                NbnsPacket.Response cut = NbnsPacket.parse(b, len);
                NbnsPacket.addresses(cut);
            }, "cut at " + n);
        }
    }

    @Test
    void readsANodeStatusAsNmbdWritesIt() throws Exception {
        byte[] b = nodeStatusReply(7, LAB_MEMBER);
        NodeStatus s = NbnsPacket.nodeStatus(InetAddress.getByName("127.0.2.2"), NbnsPacket.parse(b, b.length));
        assertEquals(5, s.names().size());
        assertEquals("LABWG-PC2", s.computerName().orElseThrow());
        assertEquals("LABWG", s.workgroup().orElseThrow());
        assertFalse(s.masterBrowser());
        assertEquals("00:0c:29:12:34:56", s.mac());
        assertEquals("LABWG<1E>", s.names().get(4).display());
        assertEquals(List.of(), s.messengerNames());
    }

    @Test
    void everyTruncationOfANodeStatusIsMalformed() throws Exception {
        byte[] b = nodeStatusReply(7, LAB_MEMBER);
        InetAddress from = InetAddress.getByName("127.0.2.2");
        int namesEnd = 12 + 34 + 10 + 1 + 18 * LAB_MEMBER.length;
        for (int n = 0; n < b.length; n++) {
            int len = n;
            assertThrows(MalformedReplyException.class, () -> NbnsPacket.nodeStatus(from, NbnsPacket.parse(b, len)), "cut at " + n);
        }
        // a count that claims more names than the RDATA holds
        byte[] lying = b.clone();
        lying[12 + 34 + 10] = (byte) 200;
        assertThrows(MalformedReplyException.class, () -> NbnsPacket.nodeStatus(from, NbnsPacket.parse(lying, lying.length)));
        // RDLENGTH cut to the names alone: no MAC, still readable
        byte[] noMac = Arrays.copyOf(b, namesEnd);
        noMac[12 + 34 + 8] = (byte) ((namesEnd - 12 - 34 - 10) >> 8);
        noMac[12 + 34 + 9] = (byte) (namesEnd - 12 - 34 - 10);
        assertEquals(null, NbnsPacket.nodeStatus(from, NbnsPacket.parse(noMac, noMac.length)).mac());
    }

    @Test
    void badNamesAndPointersAreMalformed() {
        byte[] b = nodeStatusReply(7, LAB_MEMBER);
        byte[] notEncoded = b.clone();
        notEncoded[13] = 'Z'; // outside A to P
        assertThrows(MalformedReplyException.class, () -> NbnsPacket.parse(notEncoded, notEncoded.length));
        byte[] badLabel = b.clone();
        badLabel[12] = (byte) 0x80; // neither a length nor a pointer
        assertThrows(MalformedReplyException.class, () -> NbnsPacket.parse(badLabel, badLabel.length));
        byte[] request = b.clone();
        request[2] = 0x00; // the R bit clear: a request
        assertThrows(MalformedReplyException.class, () -> NbnsPacket.parse(request, request.length));
    }

    @Test
    void aNegativeAnswerIsNotMalformed() {
        byte[] negative = HEX.parseHex("00018583000000000000000000");
        NbnsPacket.Response r = NbnsPacket.parse(negative, 12);
        assertFalse(r.positive());
        assertEquals(3, r.rcode());
    }
}
