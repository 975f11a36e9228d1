package smbkit.rpc.srvsvc;

import java.util.Map;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.ndr.NdrStruct;

/**
 * A {@code [switch_is(Level)]} union of pointers to info structures, as NetrServerGetInfo and
 * NetrShareGetInfo return it: the discriminant, the arm's unique pointer, then the structure.
 */
final class UnionReply {

    private UnionReply() {}

    /** The structure, or null for a NULL arm (see {@link #check}). */
    static NdrStruct decode(NdrBuffer buf, Map<Integer, Layout> levels, String call) throws NdrException {
        int tag = buf.dec_ndr_long();
        if (buf.dec_ndr_long() == 0) {
            return null;
        }
        Layout layout = levels.get(tag);
        if (layout == null) {
            throw new MalformedReplyException(call + " reply has unknown level " + tag);
        }
        NdrStruct s = new NdrStruct(layout);
        s.decode(buf);
        return s;
    }

    /**
     * A reply with ERROR_SUCCESS carries the structure asked for: a NULL arm, another level, or (for
     * {@code required}) a NULL or empty name is not an answer.
     */
    static void check(NdrStruct info, int status, int level, String required, String call) {
        if (status != 0) {
            return;
        }
        if (info == null) {
            throw new MalformedReplyException(call + " returned ERROR_SUCCESS with a NULL info pointer");
        }
        if (!info.layout().equals(InfoLevels.layoutOf(info, level))) {
            throw new MalformedReplyException(call + " answered " + info.layout().name() + " to a request for level " + level);
        }
        if (required != null && (info.str(required) == null || info.str(required).isEmpty())) {
            throw new MalformedReplyException(call + " returned a " + info.layout().name() + " without its " + required);
        }
    }

    static void encode(NdrBuffer buf, int level, NdrStruct info) {
        buf.enc_ndr_long(level);
        buf.enc_ndr_referent(info, 1);
        if (info != null) {
            info.encode(buf);
        }
    }
}
