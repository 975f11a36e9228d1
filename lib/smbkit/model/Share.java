package smbkit.model;

import java.util.Locale;

/**
 * A share (SHARE_INFO_502, or 2/1 with fewer fields). {@code type} carries STYPE_* in its low bits and the
 * STYPE_SPECIAL/STYPE_TEMPORARY flags in its high bits; {@code securityDescriptor} is the self-relative
 * descriptor bytes, or null when the level or server gives none. The decoders refuse a share without a
 * name; should one come from elsewhere, its name is absent (null) and reads as "", never as a crash.
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
        return (type & STYPE_SPECIAL) != 0 || (name != null && name.endsWith("$"));
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
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** By content: a restored share equals its backup when every field and descriptor byte agrees. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Share s && java.util.Objects.equals(s.name, name) && s.type == type && java.util.Objects.equals(s.remark, remark)
                && java.util.Objects.equals(s.permissions, permissions) && java.util.Objects.equals(s.maxUses, maxUses)
                && java.util.Objects.equals(s.currentUses, currentUses) && java.util.Objects.equals(s.path, path)
                && java.util.Arrays.equals(s.securityDescriptor, securityDescriptor);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, type, remark, path) * 31 + java.util.Arrays.hashCode(securityDescriptor);
    }

    @Override
    public String toString() {
        return "Share[" + name + ", " + kind() + ", remark=" + remark + ", path=" + path + ", uses=" + currentUses
                + ", sd=" + (securityDescriptor == null ? "none" : securityDescriptor.length + " bytes") + "]";
    }
}
