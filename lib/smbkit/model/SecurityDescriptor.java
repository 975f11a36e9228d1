package smbkit.model;

import java.util.List;

/**
 * A self-relative security descriptor (MS-DTYP 2.4.6) as smbkit reads it: owner, group and the DACL, each
 * absent (null) when the descriptor has none. {@code dacl} null means no DACL (everyone has full access);
 * an empty list means an empty DACL (nobody has access). Parsed by
 * {@link smbkit.rpc.dtyp.SecurityDescriptorParser}, which refuses what it cannot read whole.
 *
 * @param ignoredDaclOffset a DACL offset present while SE_DACL_PRESENT is clear (Windows ignores it), else 0
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, List<Ace> dacl, long ignoredDaclOffset) {

    public static final int SE_DACL_PRESENT = 0x0004;

    /** A SID: revision 1, a 48-bit identifier authority and up to 15 sub-authorities. */
    public record Sid(long authority, long[] subAuthorities) {

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("S-1-");
            s.append(authority < (1L << 32) ? Long.toString(authority) : String.format("0x%012X", authority));
            for (long a : subAuthorities) {
                s.append('-').append(a);
            }
            return s.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sid x && x.authority == authority && java.util.Arrays.equals(x.subAuthorities, subAuthorities);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(authority) * 31 + java.util.Arrays.hashCode(subAuthorities);
        }
    }

    /** What an ACE does, by its type (MS-DTYP 2.4.4.1); never guessed from the type's number alone. */
    public enum Effect { ALLOW, DENY, AUDIT, ALARM, LABEL, OTHER }

    /**
     * One ACE. {@code objectType}/{@code inheritedObjectType} are the GUIDs of an object ACE, else null;
     * {@code sid} is null for a type smbkit does not read (compound ACEs).
     */
    public record Ace(int type, int flags, Effect effect, boolean object, boolean callback, int mask, Sid sid,
            String objectType, String inheritedObjectType) {

        /** The type's SDDL string (A, D, OA, AU, XA, ...), or its number. */
        public String sddlType() {
            return switch (type) {
                case 0x0 -> "A";
                case 0x1 -> "D";
                case 0x2 -> "AU";
                case 0x3 -> "AL";
                case 0x5 -> "OA";
                case 0x6 -> "OD";
                case 0x7 -> "OU";
                case 0x8 -> "OL";
                case 0x9 -> "XA";
                case 0xA -> "XD";
                case 0xB -> "ZA";
                case 0xD -> "XU";
                case 0x11 -> "ML";
                case 0x12 -> "RA";
                case 0x13 -> "SP";
                default -> String.format("0x%X", type);
            };
        }
    }

    public boolean daclPresent() {
        return (control & SE_DACL_PRESENT) != 0;
    }
}
