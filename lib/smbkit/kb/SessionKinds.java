package smbkit.kb;

import smbkit.model.Session;
import smbkit.model.SessionKind;

/** The KB's first question about a session: is it a NULL session? */
public final class SessionKinds {

    private SessionKinds() {}

    /** SESS_GUEST in sesi*_user_flags. */
    static final long SESS_GUEST = 0x1;

    /**
     * Windows shows a NULL session with an empty user name; Samba maps it to its guest account and flags
     * it SESS_GUEST. Level 0 carries no user at all.
     */
    public static SessionKind of(Session s) {
        if (s.user() == null) {
            return SessionKind.UNKNOWN;
        }
        if (s.user().isEmpty()) {
            return SessionKind.NULL;
        }
        if (s.userFlags() != null && (s.userFlags() & SESS_GUEST) != 0) {
            return SessionKind.GUEST;
        }
        return SessionKind.USER;
    }

    /** NULL or guest: a session that no one logged on for, which the KB's Method 1 restricts. */
    public static boolean isAnonymous(Session s) {
        SessionKind k = of(s);
        return k == SessionKind.NULL || k == SessionKind.GUEST;
    }
}
