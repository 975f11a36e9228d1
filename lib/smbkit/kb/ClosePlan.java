package smbkit.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionFilter;

/**
 * The KB's last resort, planned before anything is touched: which sessions close-sessions would end
 * ({@code net session /delete}), grouped per client and user; which it refuses because they hold files
 * (unsaved data can be lost: pipes do not count); and which it leaves alone because they are its own.
 */
public final class ClosePlan {

    private ClosePlan() {}

    /** What to close: clients (empty: any), one user (null: any), NULL/guest sessions only. */
    public record Selection(List<String> clients, String user, boolean nullOnly, boolean force) {}

    /** Who smbkit is on the server: its client address (null when unknown) and user (anonymous: a NULL session). */
    public record Self(String client, String user, boolean anonymous) {

        boolean is(Session s) {
            if (client == null || !SessionFilter.sameClient(client, s.client())) {
                return false;
            }
            return anonymous ? SessionKinds.isAnonymous(s) : user != null && user.equalsIgnoreCase(s.user());
        }
    }

    /**
     * @param filesCountInOpens the server's session open count covers files only (Samba), so a session
     *                          with opens above zero holds files even when the file list cannot tell whose
     */
    public static List<CloseTarget> plan(List<Session> sessions, List<OpenFile> files, Selection what, Self self,
            boolean filesCountInOpens) {
        Map<String, List<Session>> groups = new LinkedHashMap<>();
        for (Session s : sessions) {
            if (selected(s, what)) {
                groups.computeIfAbsent(SessionFilter.normalize(s.client()) + "\0" + userKey(s), k -> new ArrayList<>()).add(s);
            }
        }
        List<CloseTarget> out = new ArrayList<>();
        for (List<Session> group : groups.values()) {
            Session first = group.get(0);
            String client = SessionFilter.normalize(first.client());
            // One delete without a user name ends all of a client's sessions: only when all are meant, and
            // never for the client address smbkit itself comes from.
            boolean wholeClient = sessions.stream().filter(s -> SessionFilter.sameClient(s.client(), client))
                    .allMatch(s -> selected(s, what)) && (self.client() == null || !SessionFilter.sameClient(self.client(), client));
            List<OpenFile> held = filesOf(group, sessions, files);
            List<OpenFile> heldFiles = held.stream().filter(f -> !f.isPipe()).toList();
            List<OpenFile> heldPipes = held.stream().filter(OpenFile::isPipe).toList();
            boolean holdsFiles = !heldFiles.isEmpty()
                    || (filesCountInOpens && group.stream().anyMatch(s -> s.opens() != null && s.opens() > 0));
            boolean noName = first.user() == null || first.user().isEmpty();
            CloseTarget.Decision d = group.stream().anyMatch(self::is) ? CloseTarget.Decision.SKIPPED_SELF
                    : holdsFiles && !what.force() ? CloseTarget.Decision.REFUSED_HOLDS_FILES
                    : noName && !wholeClient ? CloseTarget.Decision.CANNOT_SINGLE_OUT
                    : CloseTarget.Decision.CLOSE;
            out.add(new CloseTarget(client, first.user(), first.kind(), group, wholeClient && d == CloseTarget.Decision.CLOSE,
                    heldFiles, heldPipes, d));
        }
        return out;
    }

    static boolean selected(Session s, Selection what) {
        if (!what.clients().isEmpty() && what.clients().stream().noneMatch(c -> SessionFilter.sameClient(c, s.client()))) {
            return false;
        }
        if (what.user() != null && !SessionFilter.matches(s, null, what.user())) {
            return false;
        }
        return !what.nullOnly() || SessionKinds.isAnonymous(s);
    }

    private static String userKey(Session s) {
        return s.user() == null ? "\0?" : s.user().toLowerCase(Locale.ROOT);
    }

    /**
     * The files a group's sessions may hold: those of its user (the empty name and the guest account for
     * NULL sessions), unless that user's file-holding sessions are all on other clients.
     */
    private static List<OpenFile> filesOf(List<Session> group, List<Session> all, List<OpenFile> files) {
        Session first = group.get(0);
        boolean anonymous = SessionKinds.isAnonymous(first);
        List<String> owners = all.stream()
                .filter(s -> anonymous ? SessionKinds.isAnonymous(s) : first.user() != null && first.user().equalsIgnoreCase(s.user()))
                .filter(s -> s.opens() == null || s.opens() > 0)
                .map(s -> SessionFilter.normalize(s.client())).distinct().toList();
        String client = SessionFilter.normalize(first.client());
        if (!owners.isEmpty() && !owners.contains(client)) {
            return List.of();
        }
        return files.stream().filter(f -> anonymous ? f.user() == null || f.user().isEmpty()
                || (first.user() != null && f.user().equalsIgnoreCase(first.user()))
                : first.user() != null && first.user().equalsIgnoreCase(f.user())).toList();
    }
}
