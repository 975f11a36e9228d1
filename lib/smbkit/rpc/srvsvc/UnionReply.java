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

    static void encode(NdrBuffer buf, int level, NdrStruct info) {
        buf.enc_ndr_long(level);
        buf.enc_ndr_referent(info, 1);
        if (info != null) {
            info.encode(buf);
        }
    }
}
