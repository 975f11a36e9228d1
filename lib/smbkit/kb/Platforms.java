package smbkit.kb;

import smbkit.model.ServerInfo;

/** Which operating system a server reports, as data (render.FindingText names it as an administrator would). */
public final class Platforms {

    private Platforms() {}

    /** The systems told apart by their version and server bit; {@code OTHER} for any other version. */
    public enum Os {
        SAMBA, NT4_SERVER, NT4_WORKSTATION, WINDOWS_2000_SERVER, WINDOWS_2000_PROFESSIONAL, WINDOWS_XP,
        WINDOWS_SERVER_2003, WINDOWS_XP_X64, WINDOWS_SERVER_2008, WINDOWS_VISTA, WINDOWS_SERVER_2008_R2, WINDOWS_7,
        WINDOWS_SERVER_2012, WINDOWS_8, WINDOWS_SERVER_2012_R2, WINDOWS_8_1, WINDOWS_SERVER_2016, WINDOWS_10, OTHER
    }

    public static Os os(ServerInfo info) {
        if (info.isSamba()) {
            return Os.SAMBA;
        }
        boolean server = (info.type() & ServerInfo.SV_TYPE_SERVER_NT) != 0;
        return switch ((int) info.versionMajor() * 10 + (int) info.versionMinor()) {
            case 40 -> server ? Os.NT4_SERVER : Os.NT4_WORKSTATION;
            case 50 -> server ? Os.WINDOWS_2000_SERVER : Os.WINDOWS_2000_PROFESSIONAL;
            case 51 -> Os.WINDOWS_XP;
            case 52 -> server ? Os.WINDOWS_SERVER_2003 : Os.WINDOWS_XP_X64;
            case 60 -> server ? Os.WINDOWS_SERVER_2008 : Os.WINDOWS_VISTA;
            case 61 -> server ? Os.WINDOWS_SERVER_2008_R2 : Os.WINDOWS_7;
            case 62 -> server ? Os.WINDOWS_SERVER_2012 : Os.WINDOWS_8;
            case 63 -> server ? Os.WINDOWS_SERVER_2012_R2 : Os.WINDOWS_8_1;
            case 100 -> server ? Os.WINDOWS_SERVER_2016 : Os.WINDOWS_10;
            default -> Os.OTHER;
        };
    }
}
