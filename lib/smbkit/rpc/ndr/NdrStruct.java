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

    /** A U32 (or U16) field as an unsigned value; a field the layout lacks throws, as impacket raises. */
    public long u32(String field) {
        int i = position(field);
        return values[i] == null ? 0 : ((Number) values[i]).longValue() & 0xFFFFFFFFL;
    }

    /** A U64 field. */
    public long u64(String field) {
        int i = position(field);
        return values[i] == null ? 0 : ((Number) values[i]).longValue();
    }

    /** A WSTR field; null when the pointer was NULL. A field the layout lacks throws. */
    public String str(String field) {
        return (String) values[position(field)];
    }

    public byte[] blob(String field) {
        return (byte[]) values[position(field)];
    }

    /** A nested structure field. */
    public NdrStruct struct(String field) {
        return (NdrStruct) values[position(field)];
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
        dst.align(layout.alignment());
        encodeFixed(dst);
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            if (values[i] == null || !isPointer(f)) {
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

    private static boolean isPointer(Field f) {
        return f.kind() == Kind.WSTR || f.kind() == Kind.BLOB;
    }

    /** The fixed part: values in place, a referent for each pointer. */
    private void encodeFixed(NdrBuffer dst) {
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            Object v = values[i];
            switch (f.kind()) {
                case U16 -> dst.enc_ndr_short(v == null ? 0 : ((Number) v).intValue());
                case U32 -> dst.enc_ndr_long(v == null ? 0 : ((Number) v).intValue());
                case U64 -> dst.enc_ndr_hyper(v == null ? 0 : ((Number) v).longValue());
                case STRUCT -> {
                    NdrStruct nested = v == null ? new NdrStruct(f.nested()) : (NdrStruct) v;
                    dst.align(f.nested().alignment());
                    nested.encodeFixed(dst);
                }
                default -> dst.enc_ndr_referent(v, 1);
            }
        }
    }

    @Override
    public void decode(NdrBuffer src) throws NdrException {
        src.align(layout.alignment());
        int[] pointers = decodeFixed(src);
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            if (!isPointer(f) || pointers[i] == 0) {
                continue;
            }
            src = src.deferred;
            values[i] = f.kind() == Kind.WSTR ? src.dec_ndr_string() : decodeBlob(src, f);
        }
    }

    private int[] decodeFixed(NdrBuffer src) {
        int[] pointers = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            Field f = layout.fields().get(i);
            switch (f.kind()) {
                case U16 -> values[i] = src.dec_ndr_short() & 0xFFFF;
                case U32 -> values[i] = src.dec_ndr_long();
                case U64 -> values[i] = src.dec_ndr_hyper();
                case STRUCT -> {
                    NdrStruct nested = new NdrStruct(f.nested());
                    src.align(f.nested().alignment());
                    nested.decodeFixed(src);
                    values[i] = nested;
                }
                default -> pointers[i] = src.dec_ndr_long();
            }
        }
        return pointers;
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
