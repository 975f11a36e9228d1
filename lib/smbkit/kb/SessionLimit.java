package smbkit.kb;

import smbkit.model.Limits;
import smbkit.model.ServerInfo;

/**
 * How many concurrent inbound sessions the server accepts (KB 328459), and how we know: the server's own
 * sv102_users when it reports one, else the KB's figure for the Windows version it reports.
 *
 * @param limit null when there is no fixed limit, or none we can learn remotely
 * @param basis how the limit is known (render.FindingText says it in words)
 * @param server the server whose platform the basis names ({@link Basis#KB_FIGURE}, {@link Basis#NO_FIXED_LIMIT});
 *               null for the others
 */
public record SessionLimit(Integer limit, Basis basis, ServerInfo server) {

    public SessionLimit(Integer limit, Basis basis) {
        this(limit, basis, null);
    }

    /** How a limit is known. */
    public enum Basis {
        SERVER_INFO_UNAVAILABLE,
        /** Samba's 'max smbd processes' less its two helper processes. */
        SAMBA_MAX_PROCESSES,
        /** Samba without 'max smbd processes' as far as the network shows. */
        SAMBA_NO_MAX_PROCESSES,
        /** The server's maximum users (sv102_users). */
        SV102_USERS,
        /** KB 328459's figure for the platform. */
        KB_FIGURE,
        /** sv102_users says unlimited. */
        UNLIMITED,
        NO_FIXED_LIMIT,
        /** Unknown: the server info could not be read. */
        UNKNOWN_SERVER_INFO,
        /** Unknown: Samba's 'max smbd processes' is in its registry, which could not be read. */
        UNKNOWN_REGISTRY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static SessionLimit of(ServerInfo info) {
        if (info == null) {
            return new SessionLimit(null, Basis.SERVER_INFO_UNAVAILABLE);
        }
        Long users = info.maxUsers();
        boolean set = users != null && users > 0 && users != Limits.UNLIMITED && users < 1_000_000;
        if (info.isSamba()) {
            return set ? new SessionLimit(users.intValue(), Basis.SAMBA_MAX_PROCESSES)
                    : new SessionLimit(null, Basis.SAMBA_NO_MAX_PROCESSES);
        }
        if (set) {
            return new SessionLimit(users.intValue(), Basis.SV102_USERS);
        }
        if (info.isWindowsWorkstation()) {
            Integer kb = kbFigure(info.versionMajor(), info.versionMinor());
            if (kb != null) {
                return new SessionLimit(kb, Basis.KB_FIGURE, info);
            }
        }
        if (users != null && users == Limits.UNLIMITED) {
            return new SessionLimit(null, Basis.UNLIMITED);
        }
        return new SessionLimit(null, Basis.NO_FIXED_LIMIT, info);
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
}
