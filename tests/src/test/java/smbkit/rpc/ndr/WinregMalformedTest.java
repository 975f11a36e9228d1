package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jcifs.dcerpc.ndr.NdrException;
import jcifs.util.Encdec;
import smbkit.Vectors;
import smbkit.model.RegistryValue;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.winreg.WinregOp;
import smbkit.rpc.winreg.CreateKeyCall;
import smbkit.rpc.winreg.EnumKeyCall;
import smbkit.rpc.winreg.EnumValueCall;
import smbkit.rpc.winreg.OpenKeyCall;
import smbkit.rpc.winreg.OpenLocalMachineCall;
import smbkit.rpc.winreg.QueryValueCall;

/**
 * A malformed winreg reply fails with MalformedReplyException (or jcifs's NdrException): never an
 * ArrayIndexOutOfBounds, never a hang, never an allocation the size of a forged count.
 */
class WinregMalformedTest {

    /** The call whose reply a vector holds, by its name. */
    static Supplier<RpcCall> callFor(String vector) {
        if (vector.contains("OpenLocalMachine")) {
            return () -> new OpenLocalMachineCall(0);
        } else if (vector.contains("OpenKey")) {
            return () -> new OpenKeyCall(new byte[20], "x", 0);
        } else if (vector.contains("CloseKey")) {
            return () -> new RpcCall(WinregOp.BaseRegCloseKey, new byte[20]);
        } else if (vector.contains("CreateKey")) {
            return () -> new CreateKeyCall(new byte[20], "x", 0);
        } else if (vector.contains("QueryValue")) {
            return () -> new QueryValueCall(new byte[20], "v", 4096);
        }
        throw new IllegalArgumentException(vector);
    }

    static void assertEveryTruncationRejected(Supplier<RpcCall> call, byte[] stub) {
        for (int n = 0; n < stub.length; n++) {
            MalformedRepliesTest.assertRejected(call, Arrays.copyOf(stub, n), "a reply cut to " + n + " of " + stub.length + " bytes");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "winreg-OpenLocalMachine-out-winxp.hex", "winreg-OpenLocalMachine-out-smbj.hex", "winreg-OpenLocalMachine-out-samba-torture.hex",
            "winreg-BaseRegOpenKey-out-winxp.hex", "winreg-BaseRegOpenKey-out-smbj.hex", "winreg-BaseRegOpenKey-out-samba-torture.hex",
            "winreg-BaseRegCloseKey-out-winxp.hex", "winreg-BaseRegCloseKey-out-smbj.hex", "winreg-BaseRegCloseKey-out-samba-torture.hex",
            "winreg-BaseRegCreateKey-out-samba-torture.hex", "impacket/winreg-BaseRegCreateKey-out-lsa.hex",
            "winreg-BaseRegQueryValue-out-winxp-a.hex", "winreg-BaseRegQueryValue-out-winxp-b.hex",
            "winreg-BaseRegQueryValue-out-smbj.hex", "winreg-BaseRegQueryValue-out-samba-torture.hex",
            "impacket/winreg-BaseRegQueryValue-out-dword1.hex", "impacket/winreg-BaseRegQueryValue-out-filenotfound.hex"})
    void everyTruncationOfEveryReplyVectorIsRejected(String vector) throws Exception {
        byte[] stub = Vectors.bytes(vector);
        assertEquals(stub.length, callFor(vector).get().decodeStub(stub), "whole, it decodes");
        assertEveryTruncationRejected(callFor(vector), stub);
    }

    static final byte[] ENUM_KEY = WinregReplies.enumKey("CurrentControlSet", 0);
    static final byte[] ENUM_VALUE = WinregReplies.enumValue("NullSessionPipes", RegistryValue.REG_MULTI_SZ,
            RegistryValue.multiString(java.util.List.of("spoolss")).data(), 18, 0);

    @Test
    void enumRepliesDecodeWholeAndRejectEveryTruncation() throws Exception {
        EnumKeyCall key = new EnumKeyCall(new byte[20], 0);
        assertEquals(ENUM_KEY.length, key.decodeStub(ENUM_KEY));
        assertEquals("CurrentControlSet", key.subKey());
        assertEveryTruncationRejected(() -> new EnumKeyCall(new byte[20], 0), ENUM_KEY);

        EnumValueCall value = new EnumValueCall(new byte[20], 0, 4096);
        assertEquals(ENUM_VALUE.length, value.decodeStub(ENUM_VALUE));
        assertEquals("NullSessionPipes", value.valueName());
        assertEquals(java.util.List.of("spoolss"), new RegistryValue(value.type().intValue(), value.data()).asMultiString());
        assertEveryTruncationRejected(() -> new EnumValueCall(new byte[20], 0, 4096), ENUM_VALUE);
    }

    /** impacket's REG_DWORD reply: lpType at 0-7, lpData's referent at 8, max count at 12, offset 16, actual 20. */
    static final String DWORD = "impacket/winreg-BaseRegQueryValue-out-dword1.hex";

    @Test
    void aForgedDataCountIsRefusedBeforeAnyAllocation() {
        byte[] stub = Vectors.bytes(DWORD);
        Encdec.enc_uint32le(0x7FFFFFF0, stub, 12);
        Encdec.enc_uint32le(0x7FFFFFF0, stub, 20);
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> callFor(DWORD).get().decodeStub(stub));
        assertTrue(e.getMessage().contains("claims 2147483632"), e.getMessage());
        Encdec.enc_uint32le(0xFFFFFFF0, stub, 12);
        Encdec.enc_uint32le(0xFFFFFFF0, stub, 20);
        MalformedRepliesTest.assertRejected(callFor(DWORD), stub, "a count above 2^31");
    }

    @Test
    void dataLongerThanItsMaximumOrAtAnOffsetIsRefused() {
        byte[] longer = Vectors.bytes(DWORD);
        Encdec.enc_uint32le(5, longer, 20); // actual 5 > max 4
        MalformedRepliesTest.assertRejected(callFor(DWORD), longer, "actual count above max count");
        byte[] offset = Vectors.bytes(DWORD);
        Encdec.enc_uint32le(1, offset, 16);
        MalformedRepliesTest.assertRejected(callFor(DWORD), offset, "a non-zero offset");
    }

    @Test
    void aForgedNameCountIsRefused() {
        // The name's conformant varying array starts at 8: max count, offset 12, actual count 16.
        byte[] huge = ENUM_KEY.clone();
        Encdec.enc_uint32le(0x40000000, huge, 8);
        Encdec.enc_uint32le(0x40000000, huge, 16);
        MalformedRepliesTest.assertRejected(() -> new EnumKeyCall(new byte[20], 0), huge, "a name of 2^30 characters");
        byte[] longer = ENUM_VALUE.clone();
        Encdec.enc_uint32le(Encdec.dec_uint32le(longer, 8) + 1, longer, 16);
        MalformedRepliesTest.assertRejected(() -> new EnumValueCall(new byte[20], 0, 4096), longer, "a name longer than its maximum");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"winreg-BaseRegQueryValue-out-winxp-b.hex", "enumkey", "enumvalue"})
    void randomCorruptionNeverEscapesAsAnotherException(String which) {
        byte[] original = switch (which) {
            case "enumkey" -> ENUM_KEY;
            case "enumvalue" -> ENUM_VALUE;
            default -> Vectors.bytes(which);
        };
        Supplier<RpcCall> call = switch (which) {
            case "enumkey" -> () -> new EnumKeyCall(new byte[20], 0);
            case "enumvalue" -> () -> new EnumValueCall(new byte[20], 0, 4096);
            default -> callFor(which);
        };
        Random random = new Random(328459);
        for (int round = 0; round < 3000; round++) {
            byte[] stub = original.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                // Every count and pointer of these replies is in their first 64 bytes.
                stub[random.nextInt(Math.min(stub.length, 64))] = (byte) random.nextInt(256);
            }
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    call.get().decodeStub(stub);
                } catch (MalformedReplyException | NdrException fine) {
                    // rejected cleanly
                }
            });
        }
    }
}
