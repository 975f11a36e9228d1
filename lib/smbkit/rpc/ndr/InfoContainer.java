package smbkit.rpc.ndr;

import java.util.ArrayList;
import java.util.List;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import jcifs.dcerpc.ndr.NdrObject;

/**
 * The MS-SRVS container every enumeration returns ({@code SESSION_INFO_10_CONTAINER} and its kin):
 * {@code EntriesRead} and a unique pointer to a conformant array of one info level.
 */
public final class InfoContainer extends NdrObject {

    private final Layout layout;
    /** Null encodes a NULL buffer pointer, as a request does. */
    private List<NdrStruct> entries;

    public InfoContainer(Layout layout, List<NdrStruct> entries) {
        this.layout = layout;
        this.entries = entries;
    }

    public List<NdrStruct> entries() {
        return entries == null ? List.of() : entries;
    }

    @Override
    public void encode(NdrBuffer dst) {
        dst.align(4);
        dst.enc_ndr_long(entries == null ? 0 : entries.size());
        dst.enc_ndr_referent(entries, 1);
        if (entries != null) {
            dst = dst.deferred;
            dst.enc_ndr_long(entries.size());
            int fixed = dst.index;
            dst.advance(layout.fixedSize() * entries.size());
            dst = dst.derive(fixed);
            for (NdrStruct e : entries) {
                e.encode(dst);
            }
        }
    }

    @Override
    public void decode(NdrBuffer src) throws NdrException {
        src.align(4);
        long entriesRead = src.dec_ndr_long() & 0xFFFFFFFFL;
        int bufferPointer = src.dec_ndr_long();
        if (bufferPointer == 0) {
            if (entriesRead != 0) {
                throw new MalformedReplyException(layout.name() + " container claims " + entriesRead
                        + " entries but its buffer is NULL");
            }
            entries = List.of();
            return;
        }
        src = src.deferred;
        long count = src.dec_ndr_long() & 0xFFFFFFFFL;
        if (count != entriesRead) {
            throw new MalformedReplyException(layout.name() + " array holds " + count
                    + " entries but EntriesRead says " + entriesRead);
        }
        if (src instanceof BoundedNdrBuffer b) {
            b.requireElements(count, layout.fixedSize(), layout.name() + " array");
        }
        int fixed = src.index;
        src.advance(layout.fixedSize() * (int) count);
        src = src.derive(fixed);
        List<NdrStruct> out = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            NdrStruct e = new NdrStruct(layout);
            e.decode(src);
            out.add(e);
        }
        entries = out;
    }
}
