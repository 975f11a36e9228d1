package smbkit.rpc;

import jcifs.dcerpc.DcerpcHandle;
import jcifs.dcerpc.DcerpcSecurityProvider;
import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.util.Encdec;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * Counts the bytes of each reply fragment as jcifs-ng receives it. jcifs reassembles a reply of several
 * fragments into a zero-filled buffer and leaves only the first fragment's header and alloc_hint to say
 * where it ends; its one per-fragment hook is the security provider's {@code unwrap}, called with each
 * fragment's header and length before the stub is copied. This provider signs and seals nothing (the pipe
 * is protected by SMB): it only tells the call how much really arrived, and refuses a fragment shorter than
 * its own header, which jcifs would copy with a negative length.
 */
final class FragmentMeter implements DcerpcSecurityProvider {

    private RpcCall current;

    /** Installs a meter on the handle; every call through {@link #sendrecv} is then bounded by it. */
    static FragmentMeter on(DcerpcHandle handle) {
        FragmentMeter meter = new FragmentMeter();
        handle.setDcerpcSecurityProvider(meter);
        return meter;
    }

    /** Sends the call and decodes its reply, counting the reply's fragments into it. */
    synchronized void sendrecv(DcerpcHandle handle, RpcCall call) throws Exception {
        current = call;
        try {
            handle.sendrecv(call);
        } finally {
            current = null;
        }
    }

    @Override
    public void wrap(NdrBuffer outgoing) {
        // nothing to add: no authentication at the RPC level
    }

    @Override
    public void unwrap(NdrBuffer incoming) {
        byte[] b = incoming.buf;
        int at = incoming.start;
        int length = incoming.getLength();
        int ptype = b[at + 2];
        if (length < RpcCall.HEADER || length > b.length - at) {
            throw new MalformedReplyException("a reply fragment of " + length + " bytes (at least "
                    + RpcCall.HEADER + " and at most " + (b.length - at) + ")");
        }
        if (current != null && (ptype == RpcCall.PTYPE_RESPONSE || ptype == RpcCall.PTYPE_FAULT)) {
            current.fragmentArrived(Encdec.dec_uint32le(b, at + 12), length - RpcCall.HEADER);
        }
    }
}
