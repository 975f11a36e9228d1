package smbkit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.util.Encdec;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.Vectors;
import smbkit.rpc.ndr.InfoContainer;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.SrvsvcClient;

/**
 * A server with more sessions than fit in one reply answers ERROR_MORE_DATA and a resume handle; the
 * listing must come back whole. Page one is impacket's partial reply; page two is encoded here.
 */
class PagingTest {

    /** Replies with canned stubs in order and records each request's resume handle. */
    static final class Canned implements RpcTransport {
        final List<byte[]> replies;
        final List<Long> resumeHandles = new ArrayList<>();
        final List<Integer> levels = new ArrayList<>();

        Canned(List<byte[]> replies) {
            this.replies = new ArrayList<>(replies);
        }

        @Override
        public <T extends RpcCall> T call(T call) {
            try {
                byte[] request = call.encodeStub();
                resumeHandles.add(Encdec.dec_uint32le(request, request.length - 4) & 0xFFFFFFFFL);
                levels.add(((EnumCall) call).level());
                call.decodeStub(replies.remove(0));
                return call;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A NetrSessionEnum reply at level 10, written with the same structures the client decodes with. */
    static byte[] level10Reply(List<String[]> sessions, int total, Integer resume, int status) {
        List<NdrStruct> entries = new ArrayList<>();
        for (String[] s : sessions) {
            entries.add(new NdrStruct(InfoLevels.SESSION.get(10)).set("cname", s[0]).set("username", s[1])
                    .set("time", Integer.parseInt(s[2])).set("idle_time", Integer.parseInt(s[3])));
        }
        NdrBuffer buf = new NdrBuffer(new byte[4096], 0);
        buf.enc_ndr_long(10);
        buf.enc_ndr_long(10);
        InfoContainer c = new InfoContainer(InfoLevels.SESSION.get(10), entries);
        buf.enc_ndr_referent(c, 1);
        c.encode(buf);
        buf.enc_ndr_long(total);
        buf.enc_ndr_referent(resume, 1);
        if (resume != null) {
            buf.enc_ndr_long(resume);
        }
        buf.enc_ndr_long(status);
        return java.util.Arrays.copyOf(buf.buf, buf.getLength());
    }

    static SrvsvcClient client(Canned canned) {
        return new SrvsvcClient(canned, "LABSRV", "LABSRV", false);
    }

    @Test
    void aListingLargerThanOneReplyComesBackWhole() {
        Canned canned = new Canned(List.of(
                Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level10-moredata.hex"),
                level10Reply(List.of(new String[] {"\\\\10.0.0.7", "", "7290", "7200"},
                        new String[] {"\\\\10.0.0.9", "Guest", "45", "40"}), 4, 4, 0)));

        SrvsvcClient.Listing listing = client(canned).enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null},
                new int[] {10}, 100);

        assertEquals(4, listing.entries().size());
        assertEquals(2, listing.pages());
        assertEquals(List.of("\\\\10.0.0.5", "\\\\10.0.0.7", "\\\\10.0.0.7", "\\\\10.0.0.9"),
                listing.entries().stream().map(e -> e.str("cname")).toList());
        assertEquals(List.of(0L, 2L), canned.resumeHandles, "the second request resumes where the first stopped");
    }

    @Test
    void refusedLevelsFallBackToThePoorerOnes() {
        Canned canned = new Canned(List.of(
                Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level502-accessdenied.hex"),
                level10Reply(List.<String[]>of(new String[] {"\\\\10.0.0.5", "alice", "1", "1"}), 1, 1, 0)));

        SrvsvcClient.Listing listing = client(canned).enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null},
                new int[] {502, 10}, -1);

        assertEquals(10, listing.level());
        assertEquals(List.of(502, 10), canned.levels);
    }

    @Test
    void aServerThatNeverStopsSayingMoreDataIsCutShort() {
        byte[] empty = level10Reply(List.of(), 4, 7, 234);
        List<byte[]> forever = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            forever.add(empty);
        }
        SmbkitException e = assertThrows(SmbkitException.class, () -> client(new Canned(forever))
                .enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, new int[] {10}, 1));
        assertEquals(Failure.MALFORMED_REPLY, e.failure());
    }

    @Test
    void everyLevelRefusedAsAccessDeniedMeansNotAnAdministrator() {
        byte[] denied = Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level502-accessdenied.hex");
        SmbkitException e = assertThrows(SmbkitException.class, () -> client(new Canned(List.of(denied, denied)))
                .enumerate(EnumCall.Kind.SESSIONS, new String[] {null, null}, new int[] {502, 502}, -1));
        assertEquals(Failure.SESSIONS_REFUSED, e.failure()); // the hardened listing (smbkit.rpc.HardenedSessionEnumTest)
    }
}
