package smbkit.kb;

/** Whether a NULL session is one of the KB's temporary ones (30 to 90 s after an IPC$ set-up) or stays. */
public enum Persistence {
    /** Seen for 90 s or more: it will not go away by itself. */
    PERMANENT,
    /** Younger than 90 s so far: it may still drop by itself; sample longer to know. */
    YOUNG,
    /** Seen in an earlier sample and gone since: a temporary session. */
    GONE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
