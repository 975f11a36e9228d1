package smbkit.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.Vectors;
import smbkit.model.RegistryValue;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.winreg.CloseKeyCall;
import smbkit.rpc.winreg.CreateKeyCall;
import smbkit.rpc.winreg.DeleteValueCall;
import smbkit.rpc.winreg.OpenKeyCall;
import smbkit.rpc.winreg.OpenLocalMachineCall;
import smbkit.rpc.winreg.QueryValueCall;
import smbkit.rpc.winreg.SetValueCall;
import smbkit.rpc.winreg.Winreg;
import smbkit.rpc.winreg.WinregClient;

/**
 * The registry calls of Method 1 on bytes: Windows XP captures, smbj and Samba torture vectors, and
 * impacket-encoded SetValue/DeleteValue/QueryValue for RestrictAnonymous and NullSessionPipes.
 */
class WinregVectorsTest {

    static byte[] handleOf(String vector) {
        return Arrays.copyOf(Vectors.bytes(vector), 20);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void openLocalMachineAsImpacketAndSmbjSendIt() throws Exception {
        byte[] ours = new OpenLocalMachineCall(Winreg.MAXIMUM_ALLOWED).encodeStub();
        assertArrayEquals(Vectors.bytes("impacket/winreg-OpenLocalMachine-in-maximumallowed.hex"), ours);
        assertArrayEquals(Vectors.bytes("winreg-OpenLocalMachine-in-smbj.hex"), ours);
    }

    @ParameterizedTest
    @ValueSource(strings = {"winxp", "smbj", "samba-torture"})
    void closeKeyMatchesEveryClient(String origin) throws Exception {
        String in = "winreg-BaseRegCloseKey-in-" + origin + ".hex";
        assertArrayEquals(Vectors.bytes(in), new CloseKeyCall(handleOf(in)).encodeStub());
        CloseKeyCall reply = new CloseKeyCall(handleOf(in));
        byte[] out = Vectors.bytes("winreg-BaseRegCloseKey-out-" + origin + ".hex");
        assertEquals(out.length, reply.decodeStub(out));
        assertEquals(0, reply.status());
    }

    @Test
    void openKeyMatchesWindowsXpSmbjAndSamba() throws Exception {
        Vectors.assertSameStub("winreg-BaseRegOpenKey-in-winxp.hex", new OpenKeyCall(handleOf("winreg-BaseRegOpenKey-in-winxp.hex"),
                "System\\CurrentControlSet\\Control\\Server Applications", Winreg.KEY_READ).encodeStub(), List.of(24), List.of("146-147"));
        Vectors.assertSameStub("winreg-BaseRegOpenKey-in-smbj.hex", new OpenKeyCall(handleOf("winreg-BaseRegOpenKey-in-smbj.hex"),
                "Software\\Microsoft\\Windows NT\\CurrentVersion", Winreg.MAXIMUM_ALLOWED).encodeStub(), List.of(24), List.of("130-131"));
        Vectors.assertSameStub("winreg-BaseRegOpenKey-in-samba-torture.hex", new OpenKeyCall(handleOf("winreg-BaseRegOpenKey-in-samba-torture.hex"),
                "spottyfoot", Winreg.MAXIMUM_ALLOWED).encodeStub(), List.of(24), List.of("62-63"));

        OpenKeyCall xp = new OpenKeyCall(new byte[20], "x", 0);
        xp.decodeStub(Vectors.bytes("winreg-BaseRegOpenKey-out-winxp.hex"));
        assertEquals(0, xp.status());
        assertArrayEquals(hex("0000000088eb2d903bba6a468f7f7442607403f5"), xp.handle());
        OpenKeyCall missing = new OpenKeyCall(new byte[20], "x", 0);
        missing.decodeStub(Vectors.bytes("winreg-BaseRegOpenKey-out-samba-torture.hex"));
        assertEquals(Winreg.ERROR_FILE_NOT_FOUND, missing.status());
    }

    @Test
    void createKeyOfLsaMatchesImpacket() throws Exception {
        String in = "impacket/winreg-BaseRegCreateKey-in-lsa.hex";
        Vectors.assertSameStub(in, new CreateKeyCall(handleOf(in), "SYSTEM\\CurrentControlSet\\Control\\Lsa",
                Winreg.KEY_ALL_ACCESS).encodeStub());
        CreateKeyCall reply = new CreateKeyCall(new byte[20], "x", 0);
        reply.decodeStub(Vectors.bytes("impacket/winreg-BaseRegCreateKey-out-lsa.hex"));
        assertEquals(CreateKeyCall.REG_OPENED_EXISTING_KEY, reply.disposition());

        CreateKeyCall refused = new CreateKeyCall(new byte[20], "x", 0);
        refused.decodeStub(Vectors.bytes("winreg-BaseRegCreateKey-out-samba-torture.hex"));
        assertEquals(0x57, refused.status(), "ERROR_INVALID_PARAMETER from a Windows server");
        assertNull(refused.disposition());
    }

    @Test
    void method1WritesMatchImpacket() throws Exception {
        String dword = "impacket/winreg-BaseRegSetValue-in-restrictanonymous-dword2.hex";
        Vectors.assertSameStub(dword, new SetValueCall(handleOf(dword), "RestrictAnonymous", RegistryValue.dword(2)).encodeStub());
        String multi = "impacket/winreg-BaseRegSetValue-in-nullsessionpipes-multisz.hex";
        RegistryValue pipes = RegistryValue.multiString(List.of("spoolss"));
        assertArrayEquals(hex("730070006f006f006c007300730000000000"), pipes.data(), "REG_MULTI_SZ with both NULs");
        Vectors.assertSameStub(multi, new SetValueCall(handleOf(multi), "NullSessionPipes", pipes).encodeStub());
        String delete = "impacket/winreg-BaseRegDeleteValue-in-restrictanonymous.hex";
        Vectors.assertSameStub(delete, new DeleteValueCall(handleOf(delete), "RestrictAnonymous").encodeStub());
        String query = "impacket/winreg-BaseRegQueryValue-in-restrictanonymous.hex";
        Vectors.assertSameStub(query, new QueryValueCall(handleOf(query), "RestrictAnonymous", 4).encodeStub());
    }

    static QueryValueCall query(String vector) throws Exception {
        QueryValueCall q = new QueryValueCall(new byte[20], "v", 4096);
        byte[] out = Vectors.bytes(vector);
        assertEquals(out.length, q.decodeStub(out), "the reply's structure uses every byte");
        return q;
    }

    @Test
    void queryValueRepliesOfEveryOrigin() throws Exception {
        QueryValueCall dword = query("impacket/winreg-BaseRegQueryValue-out-dword1.hex");
        assertEquals(new RegistryValue(4, hex("01000000")), new RegistryValue(dword.type().intValue(), dword.data()));
        assertEquals(Winreg.ERROR_FILE_NOT_FOUND, query("impacket/winreg-BaseRegQueryValue-out-filenotfound.hex").status());

        QueryValueCall version = query("winreg-BaseRegQueryValue-out-smbj.hex");
        assertEquals("6.3", new RegistryValue(version.type().intValue(), version.data()).asString());

        QueryValueCall perf = query("winreg-BaseRegQueryValue-out-winxp-b.hex");
        assertEquals(1096, perf.data().length);
        assertEquals(RegistryValue.REG_BINARY, perf.type().intValue());

        QueryValueCall moreData = query("winreg-BaseRegQueryValue-out-winxp-a.hex");
        assertEquals(Winreg.ERROR_MORE_DATA, moreData.status());
        assertNull(moreData.data());

        QueryValueCall torture = query("winreg-BaseRegQueryValue-out-samba-torture.hex");
        assertEquals(76L, torture.needed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"impacket/winreg-BaseRegQueryValue-out-dword1.hex", "winreg-BaseRegQueryValue-out-smbj.hex",
            "winreg-BaseRegQueryValue-out-winxp-b.hex", "winreg-OpenLocalMachine-out-winxp.hex"})
    void truncatedRepliesAreRejected(String vector) {
        byte[] stub = Vectors.bytes(vector);
        for (int n = 0; n < stub.length; n++) {
            byte[] cut = Arrays.copyOf(stub, n);
            RpcCall call = vector.contains("OpenLocalMachine") ? new OpenLocalMachineCall(0) : new QueryValueCall(new byte[20], "v", 4);
            assertThrows(Exception.class, () -> call.decodeStub(cut));
            try {
                call.decodeStub(cut);
            } catch (MalformedReplyException | NdrException expected) {
                // the one acceptable way to fail
            } catch (Exception other) {
                throw new AssertionError("cut to " + n + ": " + other, other);
            }
        }
    }

    /** A QueryValue reply that says the value needs {@code size} bytes (ERROR_MORE_DATA), as Windows sends it. */
    static byte[] moreData(int type, int size) {
        NdrBuffer buf = new NdrBuffer(new byte[64], 0);
        buf.enc_ndr_long(1);
        buf.enc_ndr_long(type);
        buf.enc_ndr_long(0); // no data
        buf.enc_ndr_long(2);
        buf.enc_ndr_long(size);
        buf.enc_ndr_long(3);
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(Winreg.ERROR_MORE_DATA);
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    @Test
    void aValueLargerThanTheFirstBufferIsAskedForAgainAtItsSize() {
        List<byte[]> replies = new ArrayList<>(List.of(
                Vectors.bytes("winreg-OpenLocalMachine-out-winxp.hex"),
                Vectors.bytes("winreg-BaseRegOpenKey-out-winxp.hex"),
                moreData(3, 8192),
                Vectors.bytes("winreg-BaseRegQueryValue-out-winxp-b.hex"),
                Vectors.bytes("winreg-BaseRegCloseKey-out-winxp.hex")));
        List<Integer> sizes = new ArrayList<>();
        RpcTransport canned = new RpcTransport() {
            @Override
            public <T extends RpcCall> T call(T call) {
                try {
                    if (call instanceof QueryValueCall) {
                        byte[] req = call.encodeStub();
                        sizes.add(jcifs.util.Encdec.dec_uint32le(req, req.length - 12));
                    }
                    call.decodeStub(replies.remove(0));
                    return call;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        };
        Optional<RegistryValue> v = new WinregClient(canned, "XP").get("SOFTWARE\\x", "238 ");
        assertEquals(1096, v.orElseThrow().data().length);
        assertEquals(List.of(4096, 8192), sizes);
    }
}
