package smbkit.kb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionFilter;

/**
 * The KB's middle step: which sessions are NULL sessions, whether they are the temporary kind (an IPC$
 * set-up, gone within 30 to 90 s) or stay, and what they hold open, grouped per client computer.
 */
public final class NullSessionAnalysis {

    private NullSessionAnalysis() {}

    /** KB 328459: temporary NULL sessions last 30 to 90 seconds. */
    public static final long TEMPORARY_MAX_S = 90;
    /** Two sightings are the same session when their start times agree within this. */
    static final long SAME_START_S = 5;
    public static final String SPOOLSS = "\\PIPE\\spoolss";

    /** Whether the open files can show who holds a pipe: Windows lists pipes among them, Samba never does. */
    public static boolean serverListsPipes(boolean samba, List<OpenFile> files) {
        return !samba && files != null;
    }

    /**
     * @param samples oldest first; the last one is "now"
     * @param files the open files of the latest moment, or empty
     * @param serverListsPipes Windows lists named pipes among open files, Samba never does
     */
    public static List<NullClient> analyse(List<Sample> samples, List<OpenFile> files, boolean serverListsPipes) {
        if (samples.isEmpty()) {
            return List.of();
        }
        List<Track> tracks = track(samples);
        Sample last = samples.get(samples.size() - 1);
        Map<String, List<TrackedSession>> byClient = new java.util.TreeMap<>(smbkit.model.Order.NAMES); // clients in a stable order, whatever order the server or a saved file gives
        for (Track t : tracks) {
            boolean present = t.lastSample == samples.size() - 1;
            long span = Duration.between(samples.get(t.firstSample).at(), samples.get(t.lastSample).at()).toSeconds();
            long age = Math.max(span, t.session.activeSeconds() == null ? 0 : t.session.activeSeconds());
            Persistence p = !present ? Persistence.GONE : age >= TEMPORARY_MAX_S ? Persistence.PERMANENT : Persistence.YOUNG;
            long first = Duration.between(samples.get(0).at(), samples.get(t.firstSample).at()).toSeconds();
            long lastSeen = Duration.between(samples.get(0).at(), samples.get(t.lastSample).at()).toSeconds();
            byClient.computeIfAbsent(SessionFilter.normalize(t.session.client()), k -> new ArrayList<>())
                    .add(new TrackedSession(t.session, first, lastSeen, age, p));
        }
        // Files opened on a NULL session carry an empty user name (Windows), or the guest account (Samba).
        List<String> anonymousHolds = files.stream().filter(f -> f.user() == null || f.user().isEmpty()
                || isGuestUser(f.user(), last)).map(OpenFile::path).toList();
        long clientsNow = byClient.values().stream().filter(l -> l.stream().anyMatch(s -> s.persistence() != Persistence.GONE)).count();
        List<NullClient> out = new ArrayList<>();
        byClient.forEach((client, list) -> {
            boolean present = list.stream().anyMatch(s -> s.persistence() != Persistence.GONE);
            // Pipes can be put down to a client only when it is the one client with NULL sessions now.
            boolean owner = present && clientsNow == 1;
            List<String> holds = owner ? anonymousHolds : List.of();
            Boolean spoolss = null; // unknown: the server lists no pipes, or several clients share them
            if (serverListsPipes && owner) {
                spoolss = holds.stream().anyMatch(NullSessionAnalysis::isSpoolss);
            } else if (serverListsPipes && anonymousHolds.stream().noneMatch(NullSessionAnalysis::isSpoolss)) {
                spoolss = Boolean.FALSE;
            }
            out.add(new NullClient(client, list, holds, spoolss));
        });
        return out;
    }

    public static boolean isSpoolss(String path) {
        return path != null && path.equalsIgnoreCase(SPOOLSS);
    }

    private static boolean isGuestUser(String user, Sample last) {
        return last.sessions().stream().anyMatch(s -> s.kind() == smbkit.model.SessionKind.GUEST
                && user.equalsIgnoreCase(s.user()));
    }

    /** A NULL session seen in samples [firstSample, lastSample]. */
    private static final class Track {
        Session session;
        Long start;
        int firstSample;
        int lastSample;
    }

    /**
     * Follows each NULL session from sample to sample: the same client and user, and a start time (sample
     * time minus active time) that agrees; without active times, by order within the client.
     */
    private static List<Track> track(List<Sample> samples) {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            List<Track> open = new ArrayList<>(tracks);
            for (Session s : sample.sessions()) {
                if (!SessionKinds.isAnonymous(s)) {
                    continue;
                }
                Long start = s.activeSeconds() == null ? null : sample.at().getEpochSecond() - s.activeSeconds();
                Track match = null;
                for (Track t : open) {
                    if (t.lastSample == i - 1 && SessionFilter.sameClient(t.session.client(), s.client())
                            && String.valueOf(t.session.user()).equalsIgnoreCase(String.valueOf(s.user()))
                            && (start == null || t.start == null || Math.abs(start - t.start) <= SAME_START_S)) {
                        match = t;
                        break;
                    }
                }
                if (match == null) {
                    match = new Track();
                    match.firstSample = i;
                    tracks.add(match);
                } else {
                    open.remove(match);
                }
                match.session = s;
                match.start = start;
                match.lastSample = i;
            }
        }
        return tracks;
    }
}
