package smbkit.rpc.ndr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.Vectors;
import smbkit.model.Session;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.SrvsvcClient;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * Replies through jcifs-ng's own bind, reassembly and header decoding (a scripted DcerpcHandle) and
 * smbkit's pipe: a reply ends where the bytes that arrived end, whatever alloc_hint says, and jcifs's
 * zero-filled buffer past them never decodes as sessions.
 */
class FragmentedRepliesTest {

    static final String LEVEL10 = "impacket/srvsvc-NetrSessionEnum-out-level10-3sessions.hex";
    static final int[] LEVELS = {10};

    static List<Session> sessions(ScriptedPipe pipe) {
        SrvsvcClient client = new SrvsvcClient(pipe, "LABSRV", "LABSRV", false);
        return client.enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, LEVELS, -1).entries().stream()
                .map(SrvsvcModels::session).toList();
    }

    @ParameterizedTest(name = "fragments of {0} stub bytes")
    @ValueSource(ints = {8, 40, 100, 4000})
    void aWholeReplyInFragmentsReadsAsItsThreeSessions(int fragment) throws Exception {
        byte[] stub = Vectors.bytes(LEVEL10);
        List<Session> s = sessions(new ScriptedPipe().thenStub(stub, fragment, stub.length));
        assertEquals(3, s.size());
        assertEquals("10.0.0.5", s.get(0).client());
        assertEquals("alice", s.get(0).user());
    }

    @ParameterizedTest(name = "alloc_hint {0}")
    @ValueSource(ints = {0, 72, 188, 4096, 65536})
    void aShortReplyInSeveralFragmentsIsMalformedNeverPhantomSessions(int allocHint) throws Exception {
        byte[] cut = Arrays.copyOf(Vectors.bytes(LEVEL10), 72);
        ScriptedPipe pipe = new ScriptedPipe().thenStub(cut, 40, allocHint);
        SmbkitException e = assertThrows(SmbkitException.class, () -> sessions(pipe));
        assertEquals(Failure.MALFORMED_REPLY, e.failure(), e.getMessage());
        assertEquals(19, e.failure().exitCode());
    }

    @Test
    void everyCutOfTheReplyInFragmentsIsMalformed() throws Exception {
        byte[] stub = Vectors.bytes(LEVEL10);
        for (int n = 0; n < stub.length; n++) {
            ScriptedPipe pipe = new ScriptedPipe().thenStub(Arrays.copyOf(stub, n), 16, stub.length);
            SmbkitException e = assertThrows(SmbkitException.class, () -> sessions(pipe), "cut to " + n);
            assertEquals(Failure.MALFORMED_REPLY, e.failure(), "cut to " + n + ": " + e.getMessage());
        }
    }

    @Test
    void aFaultWithStatusZeroIsMalformedNotAnEmptyListing() throws Exception {
        ScriptedPipe pipe = new ScriptedPipe().then(new ScriptedPipe.Reply(List.of(ScriptedPipe.fault(0))));
        SmbkitException e = assertThrows(SmbkitException.class, () -> sessions(pipe));
        assertEquals(Failure.MALFORMED_REPLY, e.failure(), e.getMessage());
    }

    @Test
    void aFaultWithAStatusIsStillAFault() throws Exception {
        ScriptedPipe pipe = new ScriptedPipe().then(new ScriptedPipe.Reply(List.of(ScriptedPipe.fault(5))));
        SmbkitException e = assertThrows(SmbkitException.class, () -> sessions(pipe));
        assertEquals(Failure.ACCESS_DENIED, e.failure(), e.getMessage());
    }

    @Test
    void aFragmentShorterThanItsHeaderIsMalformed() throws Exception {
        byte[] stub = Vectors.bytes(LEVEL10);
        List<byte[]> frags = new java.util.ArrayList<>(ScriptedPipe.response(stub, 100, stub.length));
        jcifs.util.Encdec.enc_uint16le((short) 10, frags.get(1), 8);
        ScriptedPipe pipe = new ScriptedPipe().then(new ScriptedPipe.Reply(frags));
        SmbkitException e = assertThrows(SmbkitException.class, () -> sessions(pipe));
        assertEquals(Failure.MALFORMED_REPLY, e.failure(), e.getMessage());
    }

    @Test
    void trailingBytesAfterTheReplyAreMalformed() throws Exception {
        byte[] stub = Vectors.bytes(LEVEL10);
        byte[] longer = Arrays.copyOf(stub, stub.length + 12);
        longer[stub.length + 3] = 1;
        SmbkitException e = assertThrows(SmbkitException.class,
                () -> sessions(new ScriptedPipe().thenStub(longer, 4000, longer.length)));
        assertEquals(Failure.MALFORMED_REPLY, e.failure(), e.getMessage());
        // a few bytes of zero padding are NDR's alignment, not data
        assertEquals(3, sessions(new ScriptedPipe().thenStub(Arrays.copyOf(stub, stub.length + 4), 4000, 0)).size());
    }
}
