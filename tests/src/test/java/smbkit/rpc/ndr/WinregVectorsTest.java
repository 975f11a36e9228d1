package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.util.Encdec;
import smbkit.Vectors;
import smbkit.model.RegistryValue;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.winreg.WinregOp;
import smbkit.rpc.winreg.CreateKeyCall;
import smbkit.rpc.winreg.OpenKeyCall;
import smbkit.rpc.winreg.OpenLocalMachineCall;
import smbkit.rpc.winreg.QueryValueCall;
import smbkit.rpc.winreg.Winreg;
import smbkit.rpc.winreg.WinregClient;
import smbkit.rpc.WinError;

/**
 * The registry calls of Method 1 on bytes: Windows XP captures, smbj and Samba torture vectors, and
 * impacket-encoded SetValue/DeleteValue/QueryValue for RestrictAnonymous and NullSessionPipes. Every winreg
 * reply vector is decoded; every request vector is reproduced, up to the choices other clients make
 * differently (named where they occur).
 */
class WinregVectorsTest {

    static byte[] handleOf(String vector) {
        return Arrays.copyOf(Vectors.bytes(vector), 20);
    }

    static RpcCall setValue(byte[] key, String name, RegistryValue value) {
        return new RpcCall(WinregOp.BaseRegSetValue, key, name, value.type(), value.data(), value.data().length);
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

    @Test
    void openLocalMachineAsWindowsAndSmbtortureSendIt() throws Exception {
        // A unique pointer to ONE wchar_t (junk the server ignores), two pad bytes, then samDesired.
        Vectors.assertSameStub("winreg-OpenLocalMachine-in-winxp.hex",
                new OpenLocalMachineCall((char) 0x02b0, Winreg.MAXIMUM_ALLOWED).encodeStub(), List.of(0), List.of("6-7"));
        Vectors.assertSameStub("winreg-OpenLocalMachine-in-samba-torture.hex",
                new OpenLocalMachineCall((char) 0x84e0, Winreg.MAXIMUM_ALLOWED).encodeStub(), List.of(0), List.of("6-7"));
    }

    /** Every reply that is a context handle and a status, with the values INDEX.md gives. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "winreg-OpenLocalMachine-out-winxp.hex, 00000000784ec83365fee24a8a58346081a79b6a, 0",
            "winreg-OpenLocalMachine-out-smbj.hex, 0000000032daf234b77c86409d29efe60d326683, 0",
            "winreg-OpenLocalMachine-out-samba-torture.hex, 00000000b264bcb37f90294ab4b391e7e44a58e3, 0",
            "winreg-BaseRegOpenKey-out-winxp.hex, 0000000088eb2d903bba6a468f7f7442607403f5, 0",
            "winreg-BaseRegOpenKey-out-smbj.hex, 000000000a665393f4666e49a68cd99f269d020f, 0",
            "winreg-BaseRegOpenKey-out-samba-torture.hex, 0000000000000000000000000000000000000000, 2"})
    void handleRepliesOfEveryOrigin(String vector, String handle, int status) throws Exception {
        byte[] out = Vectors.bytes(vector);
        RpcCall call;
        Supplier<byte[]> decoded;
        if (vector.contains("OpenLocalMachine")) {
            OpenLocalMachineCall c = new OpenLocalMachineCall(0);
            call = c;
            decoded = c::handle;
        } else {
            OpenKeyCall c = new OpenKeyCall(new byte[20], "x", 0);
            call = c;
            decoded = c::handle;
        }
        assertEquals(out.length, call.decodeStub(out), "the reply's structure uses every byte");
        assertEquals(handle, HexFormat.of().formatHex(decoded.get()));
        assertEquals(status, call.status());
    }

    @Test
    void createKeyRepliesCarryTheManifestsValues() throws Exception {
        String name = "impacket/winreg-BaseRegCreateKey-out-lsa.hex";
        Map<String, Object> want = Vectors.values(name);
        CreateKeyCall reply = new CreateKeyCall(new byte[20], "x", 0);
        assertEquals(Vectors.bytes(name).length, reply.decodeStub(Vectors.bytes(name)));
        assertEquals(want.get("phkResult"), HexFormat.of().formatHex(reply.handle()));
        assertEquals(((Number) want.get("lpdwDisposition")).longValue(), reply.disposition());
        assertEquals(((Number) want.get("ErrorCode")).intValue(), reply.status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"impacket/winreg-BaseRegQueryValue-out-dword1.hex", "impacket/winreg-BaseRegQueryValue-out-filenotfound.hex"})
    void queryValueRepliesCarryTheManifestsValues(String name) throws Exception {
        Map<String, Object> want = Vectors.values(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) want.get("lpData");
        QueryValueCall q = query(name);
        assertEquals(((Number) want.get("lpType")).longValue(), q.type());
        assertEquals(data.get("data"), HexFormat.of().formatHex(q.data()));
        assertEquals(((Number) want.get("lpcbData")).longValue(), q.needed());
        assertEquals(((Number) want.get("lpcbLen")).intValue(), q.data().length, "lpcbLen: the bytes sent");
        assertEquals(((Number) want.get("ErrorCode")).intValue(), q.status());
    }

    @Test
    void queryValueAsSmbjSendsIt() throws Exception {
        String in = "winreg-BaseRegQueryValue-in-smbj.hex";
        Vectors.assertSameStub(in, new QueryValueCall(handleOf(in), "CurrentVersion", 65536).encodeStub(),
                List.of(24, 72, 80, 96, 104), List.of("70-71"));
    }

    /**
     * {@code stub} with the unique pointer at {@code at} and the {@code length} bytes of its pointee replaced
     * by a NULL pointer: how the clients below send what smbkit always sends non-NULL.
     */
    static byte[] nullPointerAt(byte[] stub, int at, int length) {
        byte[] out = new byte[stub.length - length + 4];
        System.arraycopy(stub, 0, out, 0, at);
        System.arraycopy(stub, at + length, out, at + 4, stub.length - at - length);
        return out;
    }

    @Test
    void queryValueAndCreateKeyAsSmbtortureSendThem() throws Exception {
        // smbtorture asks for the size only (lpData NULL, lpcbData 4095) and no disposition (NULL): the rest is ours.
        String query = "winreg-BaseRegQueryValue-in-samba-torture.hex";
        byte[] ours = new QueryValueCall(handleOf(query), "HOMEPATH", 4095).encodeStub();
        Vectors.assertSameStub(query, nullPointerAt(ours, 68, 16), List.of(24, 60, 72, 80), List.of("58-59"));
        String create = "winreg-BaseRegCreateKey-in-samba-torture.hex";
        ours = new CreateKeyCall(handleOf(create), "spottyfoot", Winreg.MAXIMUM_ALLOWED).encodeStub();
        Vectors.assertSameStub(create, nullPointerAt(ours, 84, 8), List.of(24), List.of("62-63"));
    }

    @Test
    void queryValueAsWindowsXpSendsIt() throws Exception {
        // Windows XP: a name buffer of 261 characters (MaximumLength 522) and uninitialised lpType junk; first the
        // size alone (lpData NULL, lpcbData 0, -a), then a 4096-byte buffer (-b). Those bytes are its own choices.
        List<String> padAndWindowsOwn = List.of("50-51", "22-23", "28-31", "56-59");
        String a = "winreg-BaseRegQueryValue-in-winxp-a.hex";
        byte[] ours = new QueryValueCall(handleOf(a), "238 ", 0).encodeStub();
        Vectors.assertSameStub(a, nullPointerAt(ours, 60, 16), List.of(24, 52, 64, 72), padAndWindowsOwn);
        String b = "winreg-BaseRegQueryValue-in-winxp-b.hex";
        Vectors.assertSameStub(b, new QueryValueCall(handleOf(b), "238 ", 4096).encodeStub(), List.of(24, 52, 60, 76, 84),
                padAndWindowsOwn);
        byte[] xp = Vectors.bytes(b);
        assertEquals(522, Encdec.dec_uint16le(xp, 22));
        assertEquals(261, Encdec.dec_uint32le(xp, 28));
    }

    @ParameterizedTest
    @ValueSource(strings = {"winxp", "smbj", "samba-torture"})
    void closeKeyMatchesEveryClient(String origin) throws Exception {
        String in = "winreg-BaseRegCloseKey-in-" + origin + ".hex";
        assertArrayEquals(Vectors.bytes(in), new RpcCall(WinregOp.BaseRegCloseKey, handleOf(in)).encodeStub());
        RpcCall reply = new RpcCall(WinregOp.BaseRegCloseKey, handleOf(in));
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
        assertEquals(WinError.ERROR_FILE_NOT_FOUND.code, missing.status());
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
        Vectors.assertSameStub(dword, setValue(handleOf(dword), "RestrictAnonymous", RegistryValue.dword(2)).encodeStub());
        String multi = "impacket/winreg-BaseRegSetValue-in-nullsessionpipes-multisz.hex";
        RegistryValue pipes = RegistryValue.multiString(List.of("spoolss"));
        assertArrayEquals(hex("730070006f006f006c007300730000000000"), pipes.data(), "REG_MULTI_SZ with both NULs");
        Vectors.assertSameStub(multi, setValue(handleOf(multi), "NullSessionPipes", pipes).encodeStub());
        String delete = "impacket/winreg-BaseRegDeleteValue-in-restrictanonymous.hex";
        Vectors.assertSameStub(delete, new RpcCall(WinregOp.BaseRegDeleteValue, handleOf(delete), "RestrictAnonymous").encodeStub());
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
        assertEquals(WinError.ERROR_FILE_NOT_FOUND.code, query("impacket/winreg-BaseRegQueryValue-out-filenotfound.hex").status());

        QueryValueCall version = query("winreg-BaseRegQueryValue-out-smbj.hex");
        assertEquals("6.3", new RegistryValue(version.type().intValue(), version.data()).asString());

        QueryValueCall perf = query("winreg-BaseRegQueryValue-out-winxp-b.hex");
        assertEquals(1096, perf.data().length);
        assertEquals(RegistryValue.REG_BINARY, perf.type().intValue());

        QueryValueCall moreData = query("winreg-BaseRegQueryValue-out-winxp-a.hex");
        assertEquals(WinError.ERROR_MORE_DATA.code, moreData.status());
        assertNull(moreData.data());

        QueryValueCall torture = query("winreg-BaseRegQueryValue-out-samba-torture.hex");
        assertEquals(76L, torture.needed());
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
        buf.enc_ndr_long(WinError.ERROR_MORE_DATA.code);
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
