package smbkit.rpc;

import java.util.Arrays;

import jcifs.dcerpc.DcerpcMessage;
import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.ndr.BoundedNdrBuffer;

/**
 * One DCE/RPC request and its reply on jcifs-ng's framework. Subclasses write the stub ({@link #encodeIn})
 * and read it back ({@link #decodeOut}) from a buffer that ends where the reply ends, so a malformed reply
 * fails with a clear message instead of reading jcifs's pooled buffer past the data.
 */
public abstract class RpcCall extends DcerpcMessage {

    /** MS-SRVS and MS-RRP return a Win32 error code last in every reply. */
    protected int status;

    protected RpcCall() {
        this.ptype = 0;
        this.flags = DCERPC_FIRST_FRAG | DCERPC_LAST_FRAG;
    }

    /** The call's name in its specification, for messages. */
    public abstract String name();

    protected abstract void encodeIn(NdrBuffer buf) throws NdrException;

    protected abstract void decodeOut(NdrBuffer buf) throws NdrException;

    /** The Win32 status the server returned. */
    public int status() {
        return status;
    }

    @Override
    public final void encode_in(NdrBuffer buf) throws NdrException {
        encodeIn(buf);
    }

    @Override
    public final void decode_out(NdrBuffer buf) throws NdrException {
        BoundedNdrBuffer stub = new BoundedNdrBuffer(buf.buf, buf.index, stubEnd(buf));
        decodeOut(stub);
    }

    /**
     * Where the reply's stub ends in jcifs's buffer: a single fragment says so in its header; for a
     * reassembled reply the first fragment's alloc_hint gives the total, and the buffer bounds the rest.
     */
    private int stubEnd(NdrBuffer buf) {
        if (isFlagSet(DCERPC_LAST_FRAG)) {
            return Math.min(this.length, buf.buf.length);
        }
        long hint = this.alloc_hint & 0xFFFFFFFFL;
        return hint > 0 && buf.index + hint <= buf.buf.length ? (int) (buf.index + hint) : buf.buf.length;
    }

    /** The request stub as bytes: what goes after the PDU header. */
    public byte[] encodeStub() throws NdrException {
        NdrBuffer buf = new NdrBuffer(new byte[64 * 1024], 0);
        encodeIn(buf);
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    /** Decodes a reply stub; returns how many bytes the reply's structure used. */
    public int decodeStub(byte[] stub) throws NdrException {
        BoundedNdrBuffer buf = BoundedNdrBuffer.of(stub);
        decodeOut(buf);
        return buf.getIndex();
    }
}
