package smbkit.model;

/** Who a session belongs to, in the KB's terms. */
public enum SessionKind {
    /** An empty user name: how Windows shows a NULL (anonymous) session. */
    NULL,
    /** Flagged SESS_GUEST: how Samba shows an anonymous session (mapped to its guest account). */
    GUEST,
    /** An authenticated user. */
    USER,
    /** The level used carries no user name (level 0). */
    UNKNOWN;

    /** The lower-case word used in tables and JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
