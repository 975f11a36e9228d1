package smbkit.kb;

import smbkit.model.Limits;
import smbkit.model.ServerInfo;

/**
 * How many concurrent inbound sessions the server accepts (KB 328459), and how we know: the server's own
 * sv102_users when it reports one, else the KB's figure for the Windows version it reports.
 *
 * @param limit null when there is no fixed limit, or none we can learn remotely
 */
public record SessionLimit(Integer limit, String basis) {

    public static SessionLimit of(ServerInfo info) {
        if (info == null) {
            return new SessionLimit(null, "server info unavailable");
        }
        Long users = info.maxUsers();
        boolean set = users != null && users > 0 && users != Limits.UNLIMITED && users < 1_000_000;
        if (info.isSamba()) {
            return set ? new SessionLimit(users.intValue(), "Samba's 'max smbd processes' less its two helper processes")
                    : new SessionLimit(null, "Samba: no 'max smbd processes' (over the network, one in smb.conf "
                            + "cannot be seen)");
        }
        if (set) {
            return new SessionLimit(users.intValue(), "the server's maximum users (sv102_users)");
        }
        if (info.isWindowsWorkstation()) {
            Integer kb = kbFigure(info.versionMajor(), info.versionMinor());
            if (kb != null) {
                return new SessionLimit(kb, "KB 328459 figure for " + Platforms.describe(info));
            }
        }
        if (users != null && users == Limits.UNLIMITED) {
            return new SessionLimit(null, "unlimited (sv102_users)");
        }
        return new SessionLimit(null, "no fixed limit for " + Platforms.describe(info));
    }

    /**
     * The KB's figures: NT 4.0 Workstation, 2000 Professional and XP Professional accept 10 (XP Home 5,
     * which only sv102_users can tell apart); later client editions are commonly cited as 20.
     */
    static Integer kbFigure(long major, long minor) {
        if (major == 4 || (major == 5 && minor <= 1)) {
            return 10;
        }
        if (major >= 6) {
            return 20;
        }
        return null;
    }

    /** "5 of 10", "5 (no fixed limit)". */
    public String describe(int sessions) {
        return limit == null ? sessions + " (no fixed limit)" : sessions + " of " + limit;
    }
}
