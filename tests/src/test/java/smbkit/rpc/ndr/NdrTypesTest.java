package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static smbkit.rpc.ndr.Layout.struct;
import static smbkit.rpc.ndr.Layout.u16;
import static smbkit.rpc.ndr.Layout.u32;
import static smbkit.rpc.ndr.Layout.u64;
import static smbkit.rpc.ndr.Layout.wstr;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcOperation;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.SrvsvcModels;
import smbkit.rpc.srvsvc.SrvsvcOp;
import smbkit.rpc.winreg.OpenKeyCall;
import smbkit.rpc.winreg.WinregOp;

/** The shared NDR types and declarations: typos throw, widths align, every type reads back what it wrote. */
class NdrTypesTest {

    static byte[] encode(NdrType type, Object value) {
        NdrBuffer buf = new NdrBuffer(new byte[4096], 0);
        type.encode(buf, value);
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    static Object decode(NdrType type, byte[] bytes) {
        return type.decode(BoundedNdrBuffer.of(bytes));
    }

    @Test
    void aFieldNameTheLayoutLacksThrowsInsteadOfAnsweringZeroOrNull() {
        NdrStruct s10 = new NdrStruct(InfoLevels.SESSION.get(10)).set("cname", "x").set("time", 5);
        assertEquals(5, s10.u32("time"));
        assertThrows(IllegalArgumentException.class, () -> s10.u32("tme"));
        assertThrows(IllegalArgumentException.class, () -> s10.str("cltype_name"), "level 10 has no client type");
        assertThrows(IllegalArgumentException.class, () -> s10.blob("security_descriptor"));
        assertThrows(IllegalArgumentException.class, () -> s10.set("idle_tme", 1));
        // the model still reads every level: a field only richer levels carry is absent, not a typo
        assertNull(SrvsvcModels.session(s10).clientType());
        assertNull(SrvsvcModels.session(s10).opens());
    }

    @Test
    void aParameterNameTheOperationLacksThrows() {
        OpenKeyCall open = new OpenKeyCall(new byte[20], "x", 0);
        assertEquals("x", open.in("lpSubKey"));
        assertThrows(IllegalArgumentException.class, () -> open.in("lpSubkey"));
        assertThrows(IllegalArgumentException.class, () -> open.out("phKey"), "OpenKey returns phkResult");
        assertThrows(IllegalArgumentException.class, () -> new RpcCall(WinregOp.BaseRegCloseKey));
        assertThrows(IllegalArgumentException.class, () -> RpcOperation.params("a", NdrTypes.U32, "a", NdrTypes.U16));
    }

    @Test
    void sixteenThirtyTwoAndSixtyFourBitFieldsAlignAsNdrSays() {
        assertEquals(8, Layout.of("A", u16("a"), u32("b")).fixedSize());
        assertEquals(8, Layout.of("B", u32("a"), u16("b")).fixedSize(), "padded to its alignment: an array's stride");
        Layout wide = Layout.of("C", u16("a"), u64("b"), u32("c"));
        assertEquals(8, wide.alignment());
        assertEquals(24, wide.fixedSize());
        Layout filetime = Layout.of("FILETIME", u32("low"), u32("high"));
        assertEquals(12, Layout.of("D", u32("a"), struct("t", filetime)).fixedSize());
        assertThrows(IllegalArgumentException.class, () -> Layout.of("E", struct("s", Layout.of("S", wstr("p")))),
                "nested structures hold scalars only");
        assertThrows(IllegalArgumentException.class, () -> Layout.of("F", u32("a"), u32("a")));
    }

    @Test
    void aContainerOfMixedWidthsAndNestedStructuresReadsBackWhatItWrote() throws Exception {
        Layout filetime = Layout.of("FILETIME", u32("low"), u32("high"));
        Layout layout = Layout.of("MIXED", u16("flags"), u64("size"), wstr("name"), struct("written", filetime), u32("id"));
        NdrStruct a = new NdrStruct(layout).set("flags", 7).set("size", 1L << 40).set("name", "one")
                .set("written", new NdrStruct(filetime).set("low", 1).set("high", 2)).set("id", 9);
        NdrStruct b = new NdrStruct(layout).set("flags", 0xFFFF).set("size", 3L).set("name", null)
                .set("written", new NdrStruct(filetime).set("low", 3).set("high", 4)).set("id", 10);
        NdrBuffer out = new NdrBuffer(new byte[4096], 0);
        new InfoContainer(layout, List.of(a, b)).encode(out);
        InfoContainer back = new InfoContainer(layout, null);
        back.decode(new BoundedNdrBuffer(out.buf, 0, out.getLength()));
        NdrStruct a2 = back.entries().get(0);
        NdrStruct b2 = back.entries().get(1);
        assertEquals(7, a2.u32("flags"));
        assertEquals(1L << 40, a2.u64("size"));
        assertEquals("one", a2.str("name"));
        assertEquals(2, a2.struct("written").u32("high"));
        assertEquals(9, a2.u32("id"));
        assertEquals(0xFFFF, b2.u32("flags"));
        assertNull(b2.str("name"));
        assertEquals(3, b2.struct("written").u32("low"));
        assertEquals(10, b2.u32("id"));
    }

    @Test
    void everyParameterTypeReadsBackWhatItWrote() {
        assertEquals(0xBEEFL, decode(NdrTypes.U16, encode(NdrTypes.U16, 0xBEEF)).equals(0xBEEF) ? 0xBEEFL : -1L);
        assertEquals(0xFFFFFFFFL, decode(NdrTypes.U32, encode(NdrTypes.U32, -1)));
        assertEquals(1L << 50, decode(NdrTypes.U64, encode(NdrTypes.U64, 1L << 50)));
        assertEquals(0x1122334455667788L, decode(NdrTypes.FILETIME, encode(NdrTypes.FILETIME, 0x1122334455667788L)));
        assertEquals(7L, decode(NdrTypes.UNIQUE_U32, encode(NdrTypes.UNIQUE_U32, 7)));
        assertNull(decode(NdrTypes.UNIQUE_U32, encode(NdrTypes.UNIQUE_U32, null)));
        assertEquals("SYSTEM", decode(NdrTypes.RPC_UNICODE_STRING, encode(NdrTypes.RPC_UNICODE_STRING, "SYSTEM")));
        assertNull(decode(NdrTypes.RPC_UNICODE_STRING, encode(NdrTypes.RPC_UNICODE_STRING, null)));
        assertEquals("\\\\srv", decode(NdrTypes.UNIQUE_WSTR, encode(NdrTypes.UNIQUE_WSTR, "\\\\srv")));
        byte[] handle = new byte[20];
        handle[3] = 9;
        assertArrayEquals(handle, (byte[]) decode(NdrTypes.CONTEXT_HANDLE, encode(NdrTypes.CONTEXT_HANDLE, handle)));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) decode(NdrTypes.CONFORMANT_BYTES, encode(NdrTypes.CONFORMANT_BYTES, new byte[] {1, 2, 3})));
        NdrType data = NdrTypes.unique(NdrTypes.CONFORMANT_VARYING_BYTES);
        assertArrayEquals(new byte[] {4, 5}, (byte[]) decode(data, encode(data, new byte[] {4, 5})));
        assertArrayEquals(new byte[0], (byte[]) decode(data, encode(data, new NdrTypes.Room(64))), "an empty buffer to fill");
        NdrStruct share = new NdrStruct(InfoLevels.SHARE.get(1)).set("netname", "IPC$").set("type", 3).set("remark", "r");
        NdrType union = NdrTypes.infoUnion(InfoLevels.SHARE);
        assertEquals(share, decode(union, encode(union, share)));
    }

    @Test
    void aPointerThatMustBeNullOrACountPastTheEndIsMalformed() {
        assertThrows(MalformedReplyException.class, () -> decode(NdrTypes.NULL_POINTER, encode(NdrTypes.U32, 0x20000)));
        byte[] claims = encode(NdrTypes.CONFORMANT_VARYING_BYTES, new byte[] {1, 2, 3, 4});
        byte[] cut = Arrays.copyOf(claims, claims.length - 2);
        assertThrows(MalformedReplyException.class, () -> decode(NdrTypes.CONFORMANT_VARYING_BYTES, cut));
        byte[] badUnion = encode(NdrTypes.U32, 77);
        byte[] withArm = Arrays.copyOf(badUnion, 8);
        withArm[4] = 1;
        assertThrows(MalformedReplyException.class, () -> decode(NdrTypes.infoUnion(InfoLevels.SHARE), withArm));
    }

    @Test
    void everyOperationIsDeclaredOnceWithItsSpecificationsOpnum() {
        Set<Integer> seen = new HashSet<>();
        for (SrvsvcOp op : SrvsvcOp.values()) {
            assertEquals(true, seen.add(op.opnum()), op + " shares its opnum");
        }
        assertEquals(12, SrvsvcOp.NetrSessionEnum.opnum());
        assertEquals(21, SrvsvcOp.NetrServerGetInfo.opnum());
        seen.clear();
        for (WinregOp op : WinregOp.values()) {
            assertEquals(true, seen.add(op.opnum()), op + " shares its opnum");
        }
        assertEquals(15, WinregOp.BaseRegOpenKey.opnum());
        assertEquals(22, WinregOp.BaseRegSetValue.opnum());
    }
}
