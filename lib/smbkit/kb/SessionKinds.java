package smbkit.kb;

import smbkit.model.Session;
import smbkit.model.SessionKind;

/** The KB's first question about a session: is it a NULL session? */
public final class SessionKinds {

    private SessionKinds() {}

    /** NULL or guest: a session that no one logged on for, which the KB's Method 1 restricts. */
    public static boolean isAnonymous(Session s) {
        SessionKind k = s.kind();
        return k == SessionKind.NULL || k == SessionKind.GUEST;
    }
}
