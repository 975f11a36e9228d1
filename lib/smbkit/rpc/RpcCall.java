package smbkit.rpc;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jcifs.dcerpc.DcerpcMessage;
import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.ndr.BoundedNdrBuffer;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * One DCE/RPC request and its reply on jcifs-ng's framework, shaped by a declared {@link RpcOperation}: the
 * request parameters are encoded in order, the response parameters decoded by name, then the trailing status,
 * read here once for every call. The reply is read from a buffer that ends where the bytes received end, so
 * a malformed reply fails with a clear message instead of reading jcifs's zero-filled or pooled buffer past
 * the data. Subclasses only name the arguments and results of one operation.
 */
public class RpcCall extends DcerpcMessage {

    /** The common header and the response header: what precedes the stub in every fragment. */
    static final int HEADER = 24;
    /** NDR pads a stub to at most 8 bytes; more left over means the reply is not what was asked. */
    static final int MAX_TRAILING_PAD = 7;
    static final int PTYPE_RESPONSE = 2;
    static final int PTYPE_FAULT = 3;

    /** MS-SRVS and MS-RRP return a Win32 error code last in every reply. */
    private int status;

    private final RpcOperation operation;
    private final Object[] request;
    private final Map<String, Object> response = new HashMap<>();

    /** Stub bytes of the reply's fragments as they arrived (see {@link FragmentMeter}); -1 when not metered. */
    private long receivedStub = -1;
    private int requestCallId;

    /** @param request the values of the operation's request parameters, in their declared order */
    public RpcCall(RpcOperation operation, Object... request) {
        if (request.length != operation.request().size()) {
            throw new IllegalArgumentException(operation.name() + " takes " + operation.request().size()
                    + " parameters, not " + request.length);
        }
        this.operation = operation;
        this.request = request.clone();
        this.ptype = 0;
        this.flags = DCERPC_FIRST_FRAG | DCERPC_LAST_FRAG;
    }

    public RpcOperation operation() {
        return operation;
    }

    /** The call's name in its specification, for messages. */
    public String name() {
        return operation.name();
    }

    @Override
    public int getOpnum() {
        return operation.opnum();
    }

    /** A request parameter's value; an unknown name throws. */
    public Object in(String name) {
        return request[indexOf(operation.request(), name)];
    }

    /** A response parameter as decoded (null for a NULL pointer, or before a reply); an unknown name throws. */
    @SuppressWarnings("unchecked")
    public <T> T out(String name) {
        indexOf(operation.response(), name);
        return (T) response.get(name);
    }

    private int indexOf(List<RpcOperation.Param> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(operation.name() + " has no parameter " + name);
    }

    protected void encodeIn(NdrBuffer buf) {
        List<RpcOperation.Param> params = operation.request();
        for (int i = 0; i < request.length; i++) {
            params.get(i).type().encode(buf, request[i]);
        }
    }

    /** The response parameters in order, then the status; then the operation's check. */
    protected void decodeOut(NdrBuffer buf) {
        response.clear();
        for (RpcOperation.Param p : operation.response()) {
            response.put(p.name(), p.type().decode(buf));
        }
        status = buf.dec_ndr_long();
        operation.check(this);
    }

    /** The Win32 status the server returned. */
    public int status() {
        return status;
    }

    @Override
    public final void encode_in(NdrBuffer buf) throws NdrException {
        // jcifs encodes the request after any bind it does first: what was metered before is not this reply.
        receivedStub = -1;
        requestCallId = call_id;
        encodeIn(buf);
    }

    /** Called by the meter for each fragment of the reply to this call, with the fragment's stub length. */
    void fragmentArrived(int callId, int stubBytes) {
        if (callId != requestCallId) {
            throw new MalformedReplyException("a reply fragment for call " + callId + " arrived for call " + requestCallId);
        }
        receivedStub = (receivedStub < 0 ? 0 : receivedStub) + stubBytes;
    }

    /**
     * jcifs accepts a fault PDU whose status is 0 as a success with nothing decoded, and a bind
     * acknowledgement as a reply: either would leave this call's results empty and its status 0.
     */
    @Override
    public void decode(NdrBuffer buf) throws NdrException {
        super.decode(buf);
        if ((ptype == PTYPE_FAULT || ptype == 13) && result == 0) {
            throw new MalformedReplyException("a fault PDU with status 0 in reply to " + name());
        }
    }

    @Override
    public final void decode_out(NdrBuffer buf) throws NdrException {
        if (ptype != PTYPE_RESPONSE) {
            throw new MalformedReplyException("a PDU of type " + ptype + " in reply to " + name());
        }
        BoundedNdrBuffer stub = new BoundedNdrBuffer(buf.buf, buf.index, stubEnd(buf));
        decodeOut(stub);
        requireEnd(stub);
    }

    /**
     * Where the reply's stub ends in jcifs's buffer: at the bytes that arrived. A single fragment says so in
     * its header (the transport read at least that much); a reply reassembled from several fragments ends
     * where the meter counted, whatever alloc_hint claims: jcifs's buffer is zero-filled past the data.
     */
    private int stubEnd(NdrBuffer buf) {
        if (isFlagSet(DCERPC_LAST_FRAG) && receivedStub < 0) {
            return Math.max(buf.index, Math.min(this.length, buf.buf.length));
        }
        if (receivedStub < 0) {
            throw new MalformedReplyException(name() + ": a reply in several fragments that were not counted");
        }
        long end = buf.index + receivedStub;
        if (end > buf.buf.length) {
            throw new MalformedReplyException(name() + ": reply fragments of " + receivedStub + " bytes do not fit");
        }
        return (int) end;
    }

    /** Bytes left after the structure: at most NDR's alignment padding, and only zeros. */
    private void requireEnd(BoundedNdrBuffer stub) {
        int left = stub.remaining();
        if (left > MAX_TRAILING_PAD || !stub.restIsZero()) {
            throw new MalformedReplyException(name() + " reply has " + left + " bytes after its end");
        }
    }

    /** The request stub as bytes: what goes after the PDU header. */
    public byte[] encodeStub() throws NdrException {
        NdrBuffer buf = new NdrBuffer(new byte[64 * 1024], 0);
        encodeIn(buf);
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    /** Decodes a reply stub, which must end where the structure ends; returns how many bytes it used. */
    public int decodeStub(byte[] stub) throws NdrException {
        BoundedNdrBuffer buf = BoundedNdrBuffer.of(stub);
        decodeOut(buf);
        int used = buf.getIndex();
        requireEnd(buf);
        return used;
    }
}
