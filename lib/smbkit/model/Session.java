package smbkit.model;

/**
 * One SMB session on the server, as {@code net session} lists it. Fields a level does not carry are null:
 * level 0 has only the client, level 10 no open count or flags, only 2 and 502 the client type.
 */
public record Session(
        String client,
        String user,
        Long opens,
        Long activeSeconds,
        Long idleSeconds,
        Long userFlags,
        String clientType,
        String transport) {

    /** SESS_GUEST in sesi*_user_flags: the session was mapped to the guest account. */
    public static final long SESS_GUEST = 0x1;

    /**
     * null, guest, user or unknown: what the KB needs to know about who holds the slot. Windows shows a NULL
     * session with an empty user name; Samba maps it to its guest account and flags it SESS_GUEST. Level 0
     * carries no user at all.
     */
    public SessionKind kind() {
        if (user == null) {
            return SessionKind.UNKNOWN;
        }
        if (user.isEmpty()) {
            return SessionKind.NULL;
        }
        if (userFlags != null && (userFlags & SESS_GUEST) != 0) {
            return SessionKind.GUEST;
        }
        return SessionKind.USER;
    }
}
