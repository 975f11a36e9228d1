package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import jcifs.util.Encdec;
import smbkit.Vectors;
import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.ServerGetInfoCall;

/**
 * A malformed reply (a length, count or pointer out of range) fails with MalformedReplyException: never an
 * ArrayIndexOutOfBounds, never a hang, never a huge allocation.
 */
class MalformedRepliesTest {

    static final String LEVEL502 = "impacket/srvsvc-NetrSessionEnum-out-level502-nullsessions.hex";

    static EnumCall sessions(int level) {
        return new EnumCall(EnumCall.Kind.SESSIONS, "\\\\LABSRV", new String[] {null, null}, level, -1, 0);
    }

    static void assertRejected(Supplier<RpcCall> call, byte[] stub, String why) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            try {
                call.get().decodeStub(stub);
                fail("accepted " + why);
            } catch (MalformedReplyException | NdrException expected) {
                // the one acceptable way to fail
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {LEVEL502,
            "impacket/srvsvc-NetrSessionEnum-out-level10-3sessions.hex",
            "impacket/srvsvc-NetrSessionEnum-out-level1-nullsessions.hex",
            "impacket/srvsvc-NetrSessionEnum-out-level0-nullsessions.hex"})
    void everyTruncationIsRejected(String vector) {
        byte[] stub = Vectors.bytes(vector);
        int level = Integer.parseInt(vector.replaceAll(".*-level(\\d+)-.*", "$1"));
        for (int n = 0; n < stub.length; n++) {
            assertRejected(() -> sessions(level), Arrays.copyOf(stub, n), "a reply cut to " + n + " bytes");
        }
    }

    @Test
    void serverInfoTruncationsAreRejected() {
        byte[] stub = Vectors.bytes("impacket/srvsvc-NetrServerGetInfo-out-level102-labsrv.hex");
        for (int n = 0; n < stub.length; n++) {
            assertRejected(() -> new ServerGetInfoCall("\\\\LABSRV", 102), Arrays.copyOf(stub, n), "cut to " + n);
        }
    }

    @Test
    void aHugeEntryCountIsRefusedBeforeAnyAllocation() {
        byte[] stub = Vectors.bytes(LEVEL502);
        // EntriesRead at 12 and the array's max count at 20 (after the buffer referent at 16).
        Encdec.enc_uint32le(0x7FFFFFF0, stub, 12);
        Encdec.enc_uint32le(0x7FFFFFF0, stub, 20);
        MalformedReplyException e = assertThrows(MalformedReplyException.class, () -> sessions(502).decodeStub(stub));
        assertEquals(true, e.getMessage().contains("claims 2147483632 entries"), e.getMessage());
    }

    @Test
    void aCountThatDisagreesWithEntriesReadIsRefused() {
        byte[] stub = Vectors.bytes(LEVEL502);
        Encdec.enc_uint32le(3, stub, 20);
        assertThrows(MalformedReplyException.class, () -> sessions(502).decodeStub(stub));
    }

    @Test
    void entriesWithANullBufferAreRefused() {
        byte[] stub = Vectors.bytes(LEVEL502);
        Encdec.enc_uint32le(0, stub, 16);
        assertThrows(MalformedReplyException.class, () -> sessions(502).decodeStub(stub));
    }

    @Test
    void aStringLongerThanItsMaximumIsRefused() {
        byte[] stub = Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level10-3sessions.hex");
        // The first deferred string (the client name) follows the three 16-byte entries, at 72.
        Encdec.enc_uint32le(12, stub, 80); // actual count 12 > max count 11
        assertThrows(MalformedReplyException.class, () -> sessions(10).decodeStub(stub));
    }

    @Test
    void randomCorruptionNeverEscapesAsAnotherException() {
        byte[] original = Vectors.bytes(LEVEL502);
        Random random = new Random(328459);
        for (int round = 0; round < 5000; round++) {
            byte[] stub = original.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                stub[random.nextInt(stub.length)] = (byte) random.nextInt(256);
            }
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                try {
                    sessions(502).decodeStub(stub);
                } catch (MalformedReplyException | NdrException fine) {
                    // rejected cleanly
                }
            });
        }
    }

    @Test
    void aShortReplyInJcifsPooledBufferIsNotReadPastItsEnd() {
        // jcifs decodes from a pooled buffer larger than the reply: the stale bytes after it must not count.
        byte[] stub = Vectors.bytes(LEVEL502);
        byte[] pdu = new byte[64 * 1024];
        Arrays.fill(pdu, (byte) 0x41);
        int cut = stub.length / 2;
        pdu[0] = 5;
        pdu[1] = 0;
        pdu[2] = 2; // response
        pdu[3] = 3; // first and last fragment
        Encdec.enc_uint32le(0x10, pdu, 4);
        Encdec.enc_uint16le((short) (24 + cut), pdu, 8);
        Encdec.enc_uint16le((short) 0, pdu, 10);
        Encdec.enc_uint32le(cut, pdu, 16);
        System.arraycopy(stub, 0, pdu, 24, cut);
        assertThrows(MalformedReplyException.class, () -> sessions(502).decode(new NdrBuffer(pdu, 0)));
    }
}
