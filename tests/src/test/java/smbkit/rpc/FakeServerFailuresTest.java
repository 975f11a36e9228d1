package smbkit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Failure;
import smbkit.Scripts;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * What a server sends decides the failure, never 70: small fake servers on loopback for garbage, a frame longer
 * than SMB allows, a close at negotiate (the KB's symptom: 13), silence (the whole --timeout, and the stage named).
 */
class FakeServerFailuresTest {

    static Scripts.Result run(String script, String host, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(host, "-N"));
        args.addAll(List.of(more));
        return Scripts.run(script, args.toArray(String[]::new));
    }

    static void assertOneLine(Scripts.Result r, int exit, String contains) {
        assertEquals(exit, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(contains), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ListSessions", "RestrictAnonymous", "FindNullSessions", "MapOpenPipes"})
    void aServerSpeakingGarbageIsAMalformedReplyNotAFullServer(String script) throws IOException {
        try (FakeSmbServer f = new FakeSmbServer(FakeSmbServer.garbage())) {
            Scripts.Result r = run(script, f.address(), script.equals("RestrictAnonymous") ? "--no-probe" : "-v");
            assertEquals(19, r.exit(), r.err());
            assertTrue(r.err().contains("bytes that are not SMB (\"HTTP/1.1 400 Bad"), r.err());
            assertFalse(r.err().contains("System error 71"), r.err());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0xFFFF, 0x10000, 0xFFFFFF})
    void aFrameClaimingMoreThanSmbAllowsIsAMalformedReply(int length) throws IOException {
        try (FakeSmbServer f = new FakeSmbServer(FakeSmbServer.claimsFrameOf(length))) {
            assertOneLine(run("ListSessions", f.address()), 19, "sent an SMB frame of a length SMB does not allow");
        }
    }

    @Test
    void aCloseAtNegotiateIsTheKbsSymptom() throws IOException {
        try (FakeSmbServer f = new FakeSmbServer(FakeSmbServer.closesAtNegotiate())) {
            assertOneLine(run("ListSessions", f.address()), 13, "closed the connection before answering the SMB negotiate");
        }
    }

    @Test
    void aFailedBindOfTheSourceAddressIsANetworkError() throws IOException {
        try (FakeSmbServer f = new FakeSmbServer(FakeSmbServer.closesAtNegotiate())) {
            // 192.0.2.1 (TEST-NET-1) is an address, but none of this machine's
            Scripts.Result r = run("ListSessions", f.address(), "--source-address", "192.0.2.1");
            assertOneLine(r, 22, "from the --source-address given");
            assertEquals(0, f.connections.get(), "never connected");
        }
    }

    /** --timeout is the whole wait at negotiate (it was cut at 5 s), and the message names the negotiate. */
    @Test
    void aSilentServerGetsTheWholeTimeoutAndTheStageIsNamed() throws IOException {
        try (FakeSmbServer f = new FakeSmbServer(FakeSmbServer.silent())) {
            long start = System.nanoTime();
            Scripts.Result r = run("ListSessions", f.address(), "--timeout", "7");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertOneLine(r, 12, "did not answer the SMB negotiate in time");
            assertTrue(seconds >= 6.5 && seconds < 15, "waited " + seconds + " s for --timeout 7");
        }
    }

    @Test
    void whatEscapesACommandIsMappedByItsKind() {
        assertEquals(Failure.FILE_ERROR, SmbErrors.classify(new UncheckedIOException(new NoSuchFileException("/x"))).failure());
        assertEquals(Failure.MALFORMED_REPLY, SmbErrors.classify(new RuntimeException(new MalformedReplyException("short"))).failure());
        assertEquals(Failure.NETWORK, SmbErrors.classify(new jcifs.smb.SmbException("Transport0 error")).failure());
        RuntimeException fromJcifs = new ArrayIndexOutOfBoundsException("arraycopy");
        fromJcifs.setStackTrace(new StackTraceElement[] {new StackTraceElement("jcifs.util.Encdec", "dec_uint16le", null, 1)});
        assertEquals(Failure.MALFORMED_REPLY, SmbErrors.classify(fromJcifs).failure());
        assertEquals(Failure.INTERNAL, SmbErrors.classify(new NullPointerException()).failure(), "a bug of our own stays 70");
    }
}
