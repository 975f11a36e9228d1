package smbkit.model;

import java.util.Locale;

/**
 * A share (SHARE_INFO_502, or 2/1 with fewer fields). {@code type} carries STYPE_* in its low bits and the
 * STYPE_SPECIAL/STYPE_TEMPORARY flags in its high bits; {@code securityDescriptor} is the self-relative
 * descriptor bytes, or null when the level or server gives none.
 */
public record Share(String name, long type, String remark, Long permissions, Long maxUses, Long currentUses,
        String path, byte[] securityDescriptor) {

    public static final long STYPE_DISKTREE = 0;
    public static final long STYPE_PRINTQ = 1;
    public static final long STYPE_DEVICE = 2;
    public static final long STYPE_IPC = 3;
    public static final long STYPE_MASK = 0xFF;
    public static final long STYPE_TEMPORARY = 0x40000000L;
    public static final long STYPE_SPECIAL = 0x80000000L;

    public boolean isPrinter() {
        return (type & STYPE_MASK) == STYPE_PRINTQ;
    }

    public boolean isSpecial() {
        return (type & STYPE_SPECIAL) != 0 || name.endsWith("$");
    }

    /** disk, printer, device or IPC, with "special" (hidden, administrative) when flagged or named NAME$. */
    public String kind() {
        String base = switch ((int) (type & STYPE_MASK)) {
            case 0 -> "disk";
            case 1 -> "printer";
            case 2 -> "device";
            case 3 -> "IPC";
            default -> "type " + (type & STYPE_MASK);
        };
        return isSpecial() ? base + " (special)" : base;
    }

    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
