package smbkit.kb;

import java.util.List;

/**
 * One client's NULL sessions, counted as the server counts them (each one takes a slot, though
 * {@code net session} shows one line), with what they hold open.
 *
 * @param holds pipes and files open on NULL sessions that can be put down to this client
 * @param holdsSpoolss true/false when the server lists pipes and the owner is clear, null when unknown
 */
public record NullClient(String client, List<TrackedSession> sessions, List<String> holds, Boolean holdsSpoolss) {

    public long count(Persistence p) {
        return sessions.stream().filter(s -> s.persistence() == p).count();
    }

    /** Sessions still there in the latest sample (permanent or young): the slots taken now. */
    public long present() {
        return sessions.size() - count(Persistence.GONE);
    }

    public long longestActiveS() {
        return sessions.stream().mapToLong(TrackedSession::ageS).max().orElse(0);
    }

    /** The longest idle time the server reported, null when it reports none (Samba always says 0). */
    public Long maxIdleS() {
        return sessions.stream().map(s -> s.last().idleSeconds()).filter(i -> i != null && i > 0)
                .max(Long::compare).orElse(null);
    }
}
