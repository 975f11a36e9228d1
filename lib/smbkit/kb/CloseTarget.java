package smbkit.kb;

import java.util.List;

import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionKind;

/**
 * The sessions of one user from one client that close-sessions would end, and what it decided about them (a
 * {@link Decision}, data: its words are the close record's, change.CloseRecord#result).
 *
 * @param wholeClient every session of the client is a target: one NetrSessionDel without a user name ends
 *                    them all, as {@code net session \\client /delete} does
 * @param files files (not pipes) these sessions may hold: closing them can lose unsaved data
 */
public record CloseTarget(String client, String user, SessionKind kind, List<Session> sessions, boolean wholeClient,
        List<OpenFile> files, List<OpenFile> pipes, Decision decision) {

    public enum Decision {
        /** Will be (or was asked to be) closed. */
        CLOSE,
        /** Holds open files and --force was not given. */
        REFUSED_HOLDS_FILES,
        /** smbkit's own session: closing it would cut the tool's connection. */
        SKIPPED_SELF,
        /**
         * NULL sessions of a client that also has other sessions: they carry no user name to close them by, and
         * an empty name may mean every user (Samba takes it so).
         */
        CANNOT_SINGLE_OUT
    }

    public long opens() {
        return sessions.stream().mapToLong(s -> s.opens() == null ? 0 : s.opens()).sum();
    }
}
