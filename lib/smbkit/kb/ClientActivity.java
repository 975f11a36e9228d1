package smbkit.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionFilter;

/**
 * The KB's view per client computer: its sessions, the files and pipes open on them, its connections.
 * Open files carry a user, not a client: a file is put down to a client when its user's sessions that may
 * hold files (open count above zero, or unknown) come from that client only (an empty user: the NULL
 * sessions); otherwise it is listed under {@link #SEVERAL}.
 */
public record ClientActivity(String client, List<Session> sessions, List<OpenFile> files, List<Connection> connections) {

    public static final String SEVERAL = "(several clients)";

    public Set<String> users() {
        Set<String> users = new LinkedHashSet<>();
        sessions.forEach(s -> users.add(s.user() == null ? "?" : s.user().isEmpty() ? "(null)" : s.user()));
        return users;
    }

    public long anonymousSessions() {
        return sessions.stream().filter(SessionKinds::isAnonymous).count();
    }

    public List<OpenFile> pipes() {
        return files.stream().filter(OpenFile::isPipe).toList();
    }

    public boolean holdsSpoolss() {
        return files.stream().anyMatch(f -> NullSessionAnalysis.isSpoolss(f.path()));
    }

    public static List<ClientActivity> join(List<Session> sessions, List<OpenFile> files, List<Connection> connections) {
        Map<String, List<Session>> byClient = new LinkedHashMap<>();
        Map<String, Set<String>> clientsOfUser = new LinkedHashMap<>();
        for (Session s : sessions) {
            String c = SessionFilter.normalize(s.client());
            byClient.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
            // A session that reports no open files (this tool's own, say) cannot be the one holding them.
            if (s.opens() == null || s.opens() > 0) {
                clientsOfUser.computeIfAbsent(userKey(s.user(), SessionKinds.isAnonymous(s)), k -> new LinkedHashSet<>()).add(c);
            }
        }
        Map<String, List<OpenFile>> filesOf = new LinkedHashMap<>();
        for (OpenFile f : files) {
            Set<String> owners = clientsOfUser.getOrDefault(userKey(f.user(), isGuestName(f.user(), sessions)), Set.of());
            String client = owners.size() == 1 ? owners.iterator().next() : SEVERAL;
            filesOf.computeIfAbsent(client, k -> new ArrayList<>()).add(f);
        }
        Map<String, List<Connection>> connectionsOf = new LinkedHashMap<>();
        for (Connection c : connections) {
            if (c.netname() != null) {
                connectionsOf.computeIfAbsent(SessionFilter.normalize(c.netname()), k -> new ArrayList<>()).add(c);
            }
        }
        List<ClientActivity> out = new ArrayList<>();
        byClient.forEach((c, list) -> out.add(new ClientActivity(c, list, filesOf.getOrDefault(c, List.of()),
                connectionsOf.getOrDefault(c, List.of()))));
        if (filesOf.containsKey(SEVERAL)) {
            out.add(new ClientActivity(SEVERAL, List.of(), filesOf.get(SEVERAL), List.of()));
        }
        return out;
    }

    /** NULL sessions (empty user) and guest-mapped ones share one key: their files cannot be told apart. */
    private static String userKey(String user, boolean anonymous) {
        return anonymous || user == null || user.isEmpty() ? "\0anonymous" : user.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean isGuestName(String user, List<Session> sessions) {
        return user == null || user.isEmpty() || sessions.stream().anyMatch(s -> s.kind() == smbkit.model.SessionKind.GUEST
                && user.equalsIgnoreCase(s.user()));
    }
}
