package smbkit.rpc.winreg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * A call added as one declaration ({@link WinregOp#BaseRegQueryInfoKey}, opnum 16): its request is the handle
 * and an empty class (MS-RRP 3.1.5.16), and its reply reads back by the spec's names.
 */
class QueryInfoKeyDeclarationTest {

    static final byte[] KEY = HexFormat.of().parseHex("000000000102030405060708090a0b0c0d0e0f10");

    @Test
    void theRequestIsTheHandleAndAnEmptyClass() throws Exception {
        RpcCall call = new RpcCall(WinregOp.BaseRegQueryInfoKey, KEY, null);
        assertEquals(16, call.getOpnum());
        assertEquals("BaseRegQueryInfoKey", call.name());
        byte[] expected = Arrays.copyOf(KEY, 28); // then Length 0, MaximumLength 0, a NULL buffer
        assertArrayEquals(expected, call.encodeStub());
    }

    @Test
    void theReplyReadsBackByItsSpecificationNames() throws Exception {
        NdrBuffer buf = new NdrBuffer(new byte[256], 0);
        WinregOp op = WinregOp.BaseRegQueryInfoKey;
        Object[] values = {"", 3, 24, 0, 5, 34, 4096, 120, 0x01D0000012345678L};
        for (int i = 0; i < values.length; i++) {
            op.response().get(i).type().encode(buf, values[i]);
        }
        buf.enc_ndr_long(0);
        byte[] reply = Arrays.copyOf(buf.buf, buf.getLength());

        RpcCall call = new RpcCall(op, KEY, null);
        assertEquals(reply.length, call.decodeStub(reply), "the reply uses every byte");
        assertEquals(0, call.status());
        assertEquals(3L, (Long) call.out("lpcSubKeys"));
        assertEquals(5L, (Long) call.out("lpcValues"));
        assertEquals(4096L, (Long) call.out("lpcbMaxValueLen"));
        assertEquals(0x01D0000012345678L, (Long) call.out("lpftLastWriteTime"));
        assertEquals("", call.out("lpClassOut"));
        assertThrows(IllegalArgumentException.class, () -> call.out("lpcSubkeys"), "a typo throws");
        assertThrows(MalformedReplyException.class, () -> new RpcCall(op, KEY, null).decodeStub(Arrays.copyOf(reply, 30)));
    }
}
