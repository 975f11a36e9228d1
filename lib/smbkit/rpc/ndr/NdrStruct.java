package smbkit.rpc.ndr;

import java.util.Arrays;
import java.util.HexFormat;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import jcifs.dcerpc.ndr.NdrObject;
import smbkit.rpc.ndr.Layout.Field;
import smbkit.rpc.ndr.Layout.Kind;

/**
 * One flat info structure on jcifs-ng's NDR framework, shaped by a {@link Layout}. Fixed part first,
 * then the pointees in field order through jcifs's {@code deferred} buffer, as NDR requires for
 * structures inside conformant arrays.
 */
public final class NdrStruct extends NdrObject {

    private final Layout layout;
    private final Object[] values;

    public NdrStruct(Layout layout) {
        this.layout = layout;
        this.values = new Object[layout.fields().size()];
    }

    public Layout layout() {
        return layout;
    }

    public boolean has(String field) {
        return layout.indexOf(field) >= 0;
    }

    public NdrStruct set(String field, Object value) {
        values[position(field)] = value;
        return this;
    }

    /** A U32 field as an unsigned value; 0 when the layout lacks the field. */
    public long u32(String field) {
        int i = layout.indexOf(field);
        return i < 0 || values[i] == null ? 0 : ((Number) values[i]).longValue() & 0xFFFFFFFFL;
    }

    /** A WSTR field; null when the pointer was NULL or the layout lacks the field. */
    public String str(String field) {
        int i = layout.indexOf(field);
        return i < 0 ? null : (String) values[i];
    }

    public byte[] blob(String field) {
        int i = layout.indexOf(field);
        return i < 0 ? null : (byte[]) values[i];
    }

    private int position(String field) {
        int i = layout.indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException(layout.name() + " has no field " + field);
        }
        return i;
    }

    @Override
    public void encode(NdrBuffer dst) {
        dst.align(4);
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            if (f.kind() == Kind.U32) {
                dst.enc_ndr_long(values[i] == null ? 0 : ((Number) values[i]).intValue());
            } else {
                dst.enc_ndr_referent(values[i], 1);
            }
        }
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            if (values[i] == null || f.kind() == Kind.U32) {
                continue;
            }
            dst = dst.deferred;
            if (f.kind() == Kind.WSTR) {
                dst.enc_ndr_string((String) values[i]);
            } else {
                byte[] b = (byte[]) values[i];
                dst.enc_ndr_long(b.length);
                dst.writeOctetArray(b, 0, b.length);
            }
        }
    }

    @Override
    public void decode(NdrBuffer src) throws NdrException {
        src.align(4);
        int[] pointers = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            int word = src.dec_ndr_long();
            if (layout.fields().get(i).kind() == Kind.U32) {
                values[i] = word;
            } else {
                pointers[i] = word;
            }
        }
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            if (f.kind() == Kind.U32 || pointers[i] == 0) {
                continue;
            }
            src = src.deferred;
            values[i] = f.kind() == Kind.WSTR ? src.dec_ndr_string() : decodeBlob(src, f);
        }
    }

    private byte[] decodeBlob(NdrBuffer src, Field f) throws NdrException {
        long size = u32(f.sizeField());
        long max = src.dec_ndr_long() & 0xFFFFFFFFL;
        if (max != size) {
            throw new MalformedReplyException(layout.name() + "." + f.name() + " is " + max
                    + " bytes but " + f.sizeField() + " says " + size);
        }
        if (src instanceof BoundedNdrBuffer b) {
            b.requireElements(max, 1, layout.name() + "." + f.name());
        }
        byte[] out = new byte[(int) max];
        src.readOctetArray(out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(layout.name()).append('{');
        for (int i = 0; i < values.length; i++) {
            Object v = values[i] instanceof byte[] b ? HexFormat.of().formatHex(b) : values[i];
            sb.append(i == 0 ? "" : ", ").append(layout.fields().get(i).name()).append('=').append(v);
        }
        return sb.append('}').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdrStruct s && s.layout.equals(layout) && Arrays.deepEquals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }
}
