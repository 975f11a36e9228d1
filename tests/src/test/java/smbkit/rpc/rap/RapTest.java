package smbkit.rpc.rap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.rpc.ndr.MalformedReplyException;

/**
 * RAP on bytes: the NetServerEnum2 exchange of a Windows 10 client with its master browser in the third-party
 * capture smb2-ntlmssp-negotiateflags.pcap (frames 246 to 249, ../shared/captures/INDEX.md; the transaction
 * parameters and data as tshark shows them), our requests against the client's, and every truncation and a
 * corrupted converter or offset rejected as malformed.
 */
class RapTest {

    static final HexFormat HEX = HexFormat.of();
    /** Frame 246: NetServerEnum2, level 1, every type, the server's own domain ("WrLehDO"), a 0x1116-byte buffer. */
    static final byte[] REQUEST_ALL = HEX.parseHex("680057724c6568444f004231364242447a0001001611ffffffff");
    /** Frame 248: the same for SV_TYPE_DOMAIN_ENUM. */
    static final byte[] REQUEST_DOMAINS = HEX.parseHex("680057724c6568444f004231364242447a000100161100000080");
    /** Frame 247: two computers, converter 0, their comments empty strings after the entries. */
    static final byte[] PARAMS_247 = HEX.parseHex("0000000002000200");
    static final byte[] DATA_247 = HEX.parseHex("4445534b544f502d56314641305551000a00031001003400000053435600000000000000000000000000"
            + "060303100500350000000000");
    /** Frame 249: one workgroup, its master browser named in the comment. */
    static final byte[] PARAMS_249 = HEX.parseHex("0000000001000100");
    static final byte[] DATA_249 = HEX.parseHex("574f524b47524f555000000000000000030a001000801a00000053435600");

    @Test
    void decodesTheCapturedBrowseList() {
        Rap.Reply<Rap.ServerEntry> r = Rap.serverEnum2Reply(PARAMS_247, DATA_247);
        assertEquals(0, r.status());
        assertEquals(2, r.available());
        assertFalse(r.partial());
        Rap.ServerEntry desktop = r.entries().get(0);
        assertEquals("DESKTOP-V1FA0UQ", desktop.name());
        assertEquals("10.0", desktop.osVersion());
        assertEquals(0x00011003, desktop.type()); // as tshark: Workstation, Server, NT Workstation, Potential Browser
        assertEquals(List.of("workstation", "server", "nt", "potential_browser"), ServerTypes.names(desktop.type()));
        assertEquals("", desktop.comment());
        Rap.ServerEntry scv = r.entries().get(1);
        assertEquals("SCV", scv.name());
        assertEquals("6.3", scv.osVersion());
        assertTrue(ServerTypes.has(scv.type(), ServerTypes.MASTER_BROWSER));
        assertFalse(ServerTypes.has(scv.type(), ServerTypes.PRINTQ_SERVER));
    }

    @Test
    void decodesTheCapturedWorkgroupList() {
        Rap.Reply<Rap.ServerEntry> r = Rap.serverEnum2Reply(PARAMS_249, DATA_249);
        assertEquals(1, r.entries().size());
        assertEquals("WORKGROUP", r.entries().get(0).name());
        assertEquals("SCV", r.entries().get(0).comment()); // a workgroup's comment is its master browser
        assertTrue(ServerTypes.has(r.entries().get(0).type(), Rap.SV_TYPE_DOMAIN_ENUM));
    }

    @Test
    void ourRequestsAreTheClientsExceptTheBufferSize() {
        assertArrayEquals(REQUEST_ALL, Rap.netServerEnum2(Rap.SV_TYPE_ALL, null, 0x1116));
        assertArrayEquals(REQUEST_DOMAINS, Rap.netServerEnum2(Rap.SV_TYPE_DOMAIN_ENUM, null, 0x1116));
        byte[] named = Rap.netServerEnum2(Rap.SV_TYPE_ALL, "labwg", 0x1116);
        assertEquals("WrLehDz", new String(named, 2, 7, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("LABWG", new String(named, named.length - 6, 5, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(104, Rap.opcode(named, 0, named.length));
        assertEquals("NetServerEnum2", Rap.name(Rap.opcode(REQUEST_ALL, 0, REQUEST_ALL.length)));
    }

    @Test
    void everyTruncationIsMalformed() {
        for (int n = 0; n < DATA_247.length; n++) {
            byte[] cut = Arrays.copyOf(DATA_247, n);
            assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(PARAMS_247, cut), "data cut at " + n);
        }
        for (int n = 0; n < PARAMS_247.length; n++) {
            byte[] cut = Arrays.copyOf(PARAMS_247, n);
            assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(cut, DATA_247), "parameters cut at " + n);
        }
        for (int n = 0; n < DATA_249.length; n++) {
            byte[] cut = Arrays.copyOf(DATA_249, n);
            assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(PARAMS_249, cut), "data cut at " + n);
        }
    }

    @Test
    void aCorruptedConverterOrOffsetIsMalformed() {
        byte[] params = PARAMS_249.clone();
        params[2] = 0x40; // converter 0x40: the comment at 26 - 64, before the data
        assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(params, DATA_249));
        byte[] data = DATA_249.clone();
        data[22] = (byte) 0xF0; // the comment pointer past the end
        assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(PARAMS_249, data));
        byte[] unterminated = DATA_249.clone();
        unterminated[unterminated.length - 1] = 'X'; // "SCVX" runs to the end without its NUL
        assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(PARAMS_249, unterminated));
        byte[] name = DATA_247.clone();
        Arrays.fill(name, 0, 16, (byte) 'A'); // a 16-byte name field without its NUL
        assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(PARAMS_247, name));
        byte[] counts = PARAMS_247.clone();
        counts[4] = 3; // three returned of two available
        assertThrows(MalformedReplyException.class, () -> Rap.serverEnum2Reply(counts, DATA_247));
    }

    @Test
    void aConverterShiftsEveryPointer() {
        byte[] params = PARAMS_249.clone();
        params[2] = 0x10; // converter 16: the server wrote pointers 16 higher
        byte[] data = DATA_249.clone();
        data[22] = 0x1a + 0x10;
        assertEquals("SCV", Rap.serverEnum2Reply(params, data).entries().get(0).comment());
        byte[] nullPointer = DATA_249.clone();
        Arrays.fill(nullPointer, 22, 26, (byte) 0);
        assertNull(Rap.serverEnum2Reply(PARAMS_249, nullPointer).entries().get(0).comment());
    }

    @Test
    void anErrorStatusCarriesNoEntries() {
        Rap.Reply<Rap.ServerEntry> r = Rap.serverEnum2Reply(HEX.parseHex("e6170000"), new byte[0]); // 6118: no browser servers found
        assertFalse(r.ok());
        assertEquals(6118, r.status());
        assertTrue(r.entries().isEmpty());
    }

    /** SHARE_INFO_1 as Samba writes it: name[13], pad, type, remark pointer; remarks after the entries. */
    static byte[] shareData(int converter, Object[]... shares) {
        int fixed = 20 * shares.length;
        java.io.ByteArrayOutputStream strings = new java.io.ByteArrayOutputStream();
        byte[] d = new byte[fixed];
        for (int i = 0; i < shares.length; i++) {
            byte[] n = ((String) shares[i][0]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, d, 20 * i, n.length);
            d[20 * i + 14] = (byte) (int) (Integer) shares[i][1];
            int ptr = fixed + strings.size() + converter;
            d[20 * i + 16] = (byte) ptr;
            d[20 * i + 17] = (byte) (ptr >> 8);
            strings.writeBytes(((String) shares[i][2]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            strings.write(0);
        }
        byte[] out = Arrays.copyOf(d, fixed + strings.size());
        System.arraycopy(strings.toByteArray(), 0, out, fixed, strings.size());
        return out;
    }

    @Test
    void shareEnumFindsThePrintQueues() {
        byte[] data = shareData(0, new Object[] {"files", 0, "Lab file share"}, new Object[] {"laser", 1, "Lab laser printer"},
                new Object[] {"IPC$", 3, "IPC Service"});
        Rap.Reply<Rap.ShareEntry> r = Rap.shareEnumReply(HEX.parseHex("0000000003000300"), data);
        assertEquals(List.of("laser"), r.entries().stream().filter(Rap.ShareEntry::printQueue).map(Rap.ShareEntry::name).toList());
        assertEquals("Lab laser printer", r.entries().get(1).remark());
        for (int n = 0; n < data.length; n++) {
            byte[] cut = Arrays.copyOf(data, n);
            assertThrows(MalformedReplyException.class, () -> Rap.shareEnumReply(HEX.parseHex("0000000003000300"), cut), "cut at " + n);
        }
        assertThrows(MalformedReplyException.class, () -> Rap.shareEnumReply(HEX.parseHex("0000200003000300"), data));
        assertEquals(0, Rap.netShareEnum(4096)[0]);
        assertEquals("WrLeh", new String(Rap.netShareEnum(4096), 2, 5, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
