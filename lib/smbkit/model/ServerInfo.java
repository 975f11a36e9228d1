package smbkit.model;

/**
 * What NetrServerGetInfo tells about the server. {@code maxUsers} is sv102_users (null when only level 101
 * was granted; 0xFFFFFFFF means no limit).
 */
public record ServerInfo(
        String name,
        long platformId,
        long versionMajor,
        long versionMinor,
        long type,
        String comment,
        Long maxUsers) {

    public static final long SV_TYPE_WORKSTATION = 0x1;
    public static final long SV_TYPE_SERVER = 0x2;
    public static final long SV_TYPE_DOMAIN_CTRL = 0x8;
    public static final long SV_TYPE_PRINTQ_SERVER = 0x200;
    public static final long SV_TYPE_SERVER_UNIX = 0x800;
    public static final long SV_TYPE_NT = 0x1000;
    public static final long SV_TYPE_SERVER_NT = 0x8000;

    /** Samba sets SV_TYPE_SERVER_UNIX; Windows never does. */
    public boolean isSamba() {
        return (type & SV_TYPE_SERVER_UNIX) != 0;
    }

    /** A Windows NT-family machine that is not a server edition (the KB's peer-to-peer workstation). */
    public boolean isWindowsWorkstation() {
        return !isSamba() && (type & SV_TYPE_NT) != 0 && (type & SV_TYPE_SERVER_NT) == 0;
    }

    public String version() {
        return versionMajor + "." + versionMinor;
    }
}
