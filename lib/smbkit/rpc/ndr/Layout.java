package smbkit.rpc.ndr;

import java.util.List;

/**
 * The wire shape of an info structure (SESSION_INFO_502, FILE_INFO_3, SHARE_INFO_502, ...): 16, 32 and 64-bit
 * values, pointers to wide strings, a pointer to a byte array sized by an earlier field, and nested structures
 * of scalars. Declaring each level as data means its encoder and decoder are written once, in {@link NdrStruct}.
 */
public record Layout(String name, List<Field> fields) {

    public enum Kind { U16, U32, U64, WSTR, BLOB, STRUCT }

    /**
     * {@code sizeField} names the U32 field holding a BLOB's length (MS-SRVS: shi502_reserved); {@code nested}
     * is a STRUCT field's layout.
     */
    public record Field(String name, Kind kind, String sizeField, Layout nested) {

        int alignment() {
            return switch (kind) {
                case U16 -> 2;
                case U64 -> 8;
                case STRUCT -> nested.alignment();
                default -> 4;
            };
        }

        int size() {
            return switch (kind) {
                case U16 -> 2;
                case U64 -> 8;
                case STRUCT -> nested.fixedSize();
                default -> 4;
            };
        }
    }

    public Layout {
        fields = List.copyOf(fields);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            for (int j = 0; j < i; j++) {
                if (fields.get(j).name().equals(f.name())) {
                    throw new IllegalArgumentException(name + " declares " + f.name() + " twice");
                }
            }
            if (f.kind() == Kind.BLOB && (indexOf(fields, f.sizeField()) < 0 || indexOf(fields, f.sizeField()) > i)) {
                throw new IllegalArgumentException(name + "." + f.name() + " is sized by " + f.sizeField()
                        + ", which is not an earlier field");
            }
            if (f.kind() == Kind.STRUCT && f.nested().hasPointers()) {
                throw new IllegalArgumentException(name + "." + f.name() + ": nested structures hold scalars only");
            }
        }
    }

    public static Field u16(String name) {
        return new Field(name, Kind.U16, null, null);
    }

    public static Field u32(String name) {
        return new Field(name, Kind.U32, null, null);
    }

    public static Field u64(String name) {
        return new Field(name, Kind.U64, null, null);
    }

    public static Field wstr(String name) {
        return new Field(name, Kind.WSTR, null, null);
    }

    public static Field blob(String name, String sizeField) {
        return new Field(name, Kind.BLOB, sizeField, null);
    }

    public static Field struct(String name, Layout nested) {
        return new Field(name, Kind.STRUCT, null, nested);
    }

    public static Layout of(String name, Field... fields) {
        return new Layout(name, List.of(fields));
    }

    boolean hasPointers() {
        return fields.stream().anyMatch(f -> f.kind() == Kind.WSTR || f.kind() == Kind.BLOB);
    }

    /** The structure's alignment: its widest field's. */
    public int alignment() {
        int a = 1;
        for (Field f : fields) {
            a = Math.max(a, f.alignment());
        }
        return a;
    }

    /** Bytes of the fixed part (values and referent IDs), padded to the alignment: an array element's stride. */
    public int fixedSize() {
        int at = 0;
        for (Field f : fields) {
            at = align(at, f.alignment()) + f.size();
        }
        return align(at, alignment());
    }

    private static int align(int at, int boundary) {
        return (at + boundary - 1) / boundary * boundary;
    }

    public int indexOf(String field) {
        return indexOf(fields, field);
    }

    private static int indexOf(List<Field> fields, String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        return -1;
    }
}
