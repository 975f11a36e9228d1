package smbkit.kb;

import smbkit.model.ServerInfo;

/** Names the operating system a server reports, as an administrator would say it. */
public final class Platforms {

    private Platforms() {}

    public static String describe(ServerInfo info) {
        if (info.isSamba()) {
            return "Samba (reports Windows " + info.version() + ")";
        }
        boolean server = (info.type() & ServerInfo.SV_TYPE_SERVER_NT) != 0;
        String name = switch ((int) info.versionMajor() * 10 + (int) info.versionMinor()) {
            case 40 -> server ? "Windows NT 4.0 Server" : "Windows NT 4.0 Workstation";
            case 50 -> server ? "Windows 2000 Server" : "Windows 2000 Professional";
            case 51 -> "Windows XP";
            case 52 -> server ? "Windows Server 2003" : "Windows XP x64";
            case 60 -> server ? "Windows Server 2008" : "Windows Vista";
            case 61 -> server ? "Windows Server 2008 R2" : "Windows 7";
            case 62 -> server ? "Windows Server 2012" : "Windows 8";
            case 63 -> server ? "Windows Server 2012 R2" : "Windows 8.1";
            case 100 -> server ? "Windows Server 2016 or later" : "Windows 10 or later";
            default -> "Windows " + info.version();
        };
        return name + (info.platformId() == 500 ? "" : " (platform " + info.platformId() + ")");
    }
}
