package smbkit.rpc.ndr;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.dcerpc.DcerpcHandle;
import jcifs.util.Encdec;
import smbkit.rpc.Credentials;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcPipe;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.Target;

/**
 * A jcifs-ng DcerpcHandle that answers from a script instead of a server, so a reply goes through jcifs's
 * own bind, fragment reassembly and header decoding, then through {@link RpcPipe} as in production. Each
 * reply stub is cut into fragments of {@code fragmentStub} bytes with headers as a server writes them.
 */
public final class ScriptedPipe extends DcerpcHandle implements RpcTransport {

    static final CIFSContext CONTEXT;

    static {
        try {
            CONTEXT = new BaseContext(new PropertyConfiguration(new Properties()));
        } catch (CIFSException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One reply: the PDUs to send back, whole (header included); the call id is patched in. */
    public record Reply(List<byte[]> fragments) {}

    private final Deque<Reply> replies = new ArrayDeque<>();
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final RpcPipe pipe;
    private java.util.function.Function<RpcCall, Reply> responder;

    public ScriptedPipe() throws Exception {
        super(CONTEXT, parseBinding("ncacn_np:127.0.0.1[\\PIPE\\srvsvc]"));
        this.pipe = RpcPipe.over(this, "srvsvc", Target.parse("127.0.0.1"), Credentials.anonymous());
    }

    public ScriptedPipe then(Reply reply) {
        replies.add(reply);
        return this;
    }

    /** A reply stub as a response in fragments of at most {@code fragmentStub} stub bytes. */
    public ScriptedPipe thenStub(byte[] stub, int fragmentStub, int allocHint) {
        return then(new Reply(response(stub, fragmentStub, allocHint)));
    }

    /** Answers every call with what {@code responder} makes of it, instead of a fixed script. */
    public ScriptedPipe respond(java.util.function.Function<RpcCall, Reply> responder) {
        this.responder = responder;
        return this;
    }

    @Override
    public <T extends RpcCall> T call(T call) {
        if (responder != null) {
            replies.clear();
            pending.clear();
            replies.add(responder.apply(call));
        }
        return pipe.call(call);
    }

    /** A response PDU series for a stub; alloc_hint as given (servers send the total, or 0). */
    public static List<byte[]> response(byte[] stub, int fragmentStub, int allocHint) {
        List<byte[]> out = new ArrayList<>();
        int off = 0;
        do {
            int n = Math.min(fragmentStub, stub.length - off);
            int flags = (off == 0 ? 1 : 0) | (off + n >= stub.length ? 2 : 0);
            byte[] pdu = header(2, flags, 24 + n);
            Encdec.enc_uint32le(allocHint, pdu, 16);
            System.arraycopy(stub, off, pdu, 24, n);
            out.add(pdu);
            off += n;
        } while (off < stub.length);
        return out;
    }

    /** A fault PDU with the given status. */
    public static byte[] fault(int status) {
        byte[] pdu = header(3, 3, 32);
        Encdec.enc_uint32le(status, pdu, 24);
        return pdu;
    }

    static byte[] header(int ptype, int flags, int length) {
        byte[] pdu = new byte[Math.max(length, 24)];
        pdu[0] = 5;
        pdu[2] = (byte) ptype;
        pdu[3] = (byte) flags;
        pdu[4] = 0x10;
        Encdec.enc_uint16le((short) length, pdu, 8);
        return pdu;
    }

    static byte[] bindAck(int callId) {
        byte[] pdu = header(12, 3, 56);
        Encdec.enc_uint16le((short) 4280, pdu, 16);
        Encdec.enc_uint16le((short) 4280, pdu, 18);
        pdu[28] = 1; // one result: acceptance (0)
        Encdec.enc_uint32le(callId, pdu, 12);
        return pdu;
    }

    private int deliver(byte[] pdu, byte[] into) {
        System.arraycopy(pdu, 0, into, 0, pdu.length);
        return pdu.length;
    }

    @Override
    protected int doSendReceiveFragment(byte[] out, int off, int length, byte[] inB) throws IOException {
        int callId = Encdec.dec_uint32le(out, off + 12);
        if (out[off + 2] == 11) { // bind
            return deliver(bindAck(callId), inB);
        }
        Reply r = replies.poll();
        if (r == null) {
            throw new IOException("the script has no more replies");
        }
        for (byte[] f : r.fragments()) {
            byte[] copy = f.clone();
            if (copy.length >= 16) {
                Encdec.enc_uint32le(callId, copy, 12);
            }
            pending.add(copy);
        }
        return deliver(pending.poll(), inB);
    }

    @Override
    protected int doReceiveFragment(byte[] buf) throws IOException {
        byte[] next = pending.poll();
        if (next == null) {
            throw new IOException("Unexpected EOF");
        }
        return deliver(next, buf);
    }

    @Override
    protected void doSendFragment(byte[] buf, int off, int length) {
        // requests fit one fragment here
    }

    @Override
    public String getServer() {
        return "127.0.0.1";
    }

    @Override
    public String getServerWithDfs() {
        return "127.0.0.1";
    }

    @Override
    public CIFSContext getTransportContext() {
        return CONTEXT;
    }

    @Override
    public byte[] getSessionKey() {
        return new byte[16];
    }
}
