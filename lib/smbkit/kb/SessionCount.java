package smbkit.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.model.Session;
import smbkit.model.SessionFilter;

/**
 * The KB's count: every session takes a slot, including several from one client (a service running under
 * another user context, or several NULL sessions that {@code net session} folds into one line).
 *
 * @param byClient each client's sessions, in the order the server listed them
 */
public record SessionCount(int total, int anonymous, SessionLimit limit, Map<String, List<Session>> byClient) {

    public static SessionCount of(List<Session> sessions, SessionLimit limit) {
        Map<String, List<Session>> byClient = new LinkedHashMap<>();
        int anonymous = 0;
        for (Session s : sessions) {
            byClient.computeIfAbsent(SessionFilter.normalize(s.client()), k -> new ArrayList<>()).add(s);
            if (SessionKinds.isAnonymous(s)) {
                anonymous++;
            }
        }
        return new SessionCount(sessions.size(), anonymous, limit, byClient);
    }

    /** Clients holding more than one session, each with its sessions, in the order tables show clients (.3 before .5). */
    public Map<String, List<Session>> clientsWithSeveral() {
        Map<String, List<Session>> out = new java.util.TreeMap<>(smbkit.model.Order.NAMES);
        byClient.forEach((c, list) -> {
            if (list.size() > 1) {
                out.put(c, list);
            }
        });
        return out;
    }

    /** Slots still free, or null without a known limit. */
    public Integer free() {
        return limit.limit() == null ? null : Math.max(0, limit.limit() - total);
    }

    /** At or over the limit: the next client gets error 71. */
    public boolean full() {
        return limit.limit() != null && total >= limit.limit();
    }
}
