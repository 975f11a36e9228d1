package smbkit.model;

import smbkit.kb.SessionKinds;

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

    /** null, guest, user or unknown: what the KB needs to know about who holds the slot. */
    public SessionKind kind() {
        return SessionKinds.of(this);
    }
}
