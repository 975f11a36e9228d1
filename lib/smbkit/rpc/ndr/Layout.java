package smbkit.rpc.ndr;

import java.util.List;

/**
 * The wire shape of a flat MS-SRVS info structure (SESSION_INFO_502, FILE_INFO_3, SHARE_INFO_502, ...):
 * 32-bit values, pointers to wide strings, and a pointer to a byte array sized by an earlier field.
 * Declaring each level as data means its encoder and decoder are written once, in {@link NdrStruct}.
 */
public record Layout(String name, List<Field> fields) {

    public enum Kind { U32, WSTR, BLOB }

    /** {@code sizeField} names the U32 field holding a BLOB's length (MS-SRVS: shi502_reserved). */
    public record Field(String name, Kind kind, String sizeField) {}

    public static Field u32(String name) {
        return new Field(name, Kind.U32, null);
    }

    public static Field wstr(String name) {
        return new Field(name, Kind.WSTR, null);
    }

    public static Field blob(String name, String sizeField) {
        return new Field(name, Kind.BLOB, sizeField);
    }

    public static Layout of(String name, Field... fields) {
        return new Layout(name, List.of(fields));
    }

    /** Bytes of the fixed part: every field is one 32-bit word (a value or a referent ID). */
    public int fixedSize() {
        return 4 * fields.size();
    }

    public int indexOf(String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        return -1;
    }
}
