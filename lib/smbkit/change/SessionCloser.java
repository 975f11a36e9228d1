package smbkit.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.access.SessionFilter;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;
import smbkit.model.Session;

/**
 * Carries out a close plan (NetrSessionDel, NetrFileClose) and checks the result with a fresh listing:
 * a session that is still there afterwards is reported, not assumed gone.
 */
public final class SessionCloser {

    private SessionCloser() {}

    /** What became of a target: closed, already gone, still there, or why it failed. */
    public record Outcome(CloseTarget target, String result, boolean ok) {}

    public record FileOutcome(long id, String path, String result, boolean ok) {}

    /** Every target gets an outcome: those it was not asked to close keep their decision as the result. */
    public static List<Outcome> close(ServerAccess server, List<CloseTarget> targets) {
        List<Outcome> out = new ArrayList<>();
        Set<String> wholeClientsDone = new HashSet<>();
        List<CloseTarget> asked = new ArrayList<>();
        for (CloseTarget t : targets) {
            if (t.decision() != CloseTarget.Decision.CLOSE) {
                out.add(new Outcome(t, t.decision().label(), t.decision() == CloseTarget.Decision.SKIPPED_SELF));
                continue;
            }
            try {
                if (t.wholeClient()) {
                    if (wholeClientsDone.add(t.client())) {
                        server.deleteSession(t.client(), null);
                    }
                } else {
                    server.deleteSession(t.client(), t.user());
                }
                asked.add(t);
            } catch (SmbkitException e) {
                // Samba answers ERROR_ACCESS_DENIED, not NERR_ClientNameNotFound, when nothing matched.
                boolean gone = e.failure() == Failure.NOT_FOUND
                        || (e.failure() == Failure.ACCESS_DENIED && !present(server.sessions(null, null).sessions(), t));
                out.add(new Outcome(t, gone ? "gone already (closed between the listing and the delete)" : "failed: " + e.oneLine(), false));
            }
        }
        List<Session> after = settled(() -> server.sessions(null, null).sessions(), now -> anyPresent(now, asked));
        for (CloseTarget t : asked) {
            out.add(present(after, t) ? new Outcome(t, "still there after the delete", false) : new Outcome(t, "closed", true));
        }
        return out;
    }

    /**
     * Samba ends a deleted session's process, and closes a file in the process holding it, after answering:
     * list again for a moment before calling anything still there.
     */
    static final int SETTLE_TRIES = 15;
    static final long SETTLE_MS = 200;

    static <T> T settled(Supplier<T> listing, Predicate<T> pending) {
        T now = listing.get();
        for (int i = 0; i < SETTLE_TRIES && pending.test(now); i++) {
            try {
                Thread.sleep(SETTLE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = listing.get();
        }
        return now;
    }

    private static boolean anyPresent(List<Session> now, List<CloseTarget> asked) {
        return asked.stream().anyMatch(t -> present(now, t));
    }

    private static boolean present(List<Session> now, CloseTarget t) {
        return now.stream().anyMatch(s -> t.sessions().stream().anyMatch(old -> sameSession(old, s)));
    }

    /**
     * The same session: client and user agree and it did not start since (a client that reconnected at once,
     * as a spooler does, has a new session, not the old one). Without active times, client and user decide.
     */
    static boolean sameSession(Session before, Session now) {
        if (!SessionFilter.sameClient(before.client(), now.client())
                || !String.valueOf(before.user()).equalsIgnoreCase(String.valueOf(now.user()))) {
            return false;
        }
        return before.activeSeconds() == null || now.activeSeconds() == null || now.activeSeconds() >= before.activeSeconds();
    }

    /** 0 when everything asked for was closed; 17 when the only trouble is sessions already gone; else 15 or 3. */
    public static int exitCode(List<Outcome> outcomes, List<FileOutcome> files) {
        boolean allOk = outcomes.stream().allMatch(Outcome::ok) && files.stream().allMatch(FileOutcome::ok);
        if (allOk) {
            return 0;
        }
        boolean onlyGone = outcomes.stream().allMatch(o -> o.ok() || o.result().startsWith("gone already"))
                && files.stream().allMatch(f -> f.ok() || f.result().startsWith("gone already"));
        if (onlyGone) {
            return Failure.NOT_FOUND.exitCode();
        }
        boolean denied = outcomes.stream().anyMatch(o -> o.result().contains("may not close sessions"));
        return denied ? Failure.ACCESS_DENIED.exitCode() : Failure.PARTIAL.exitCode();
    }

    public static List<FileOutcome> closeFiles(ServerAccess server, List<Long> ids, List<OpenFile> open) {
        List<FileOutcome> out = new ArrayList<>();
        Map<Long, String> asked = new LinkedHashMap<>();
        for (long id : ids) {
            String path = open.stream().filter(x -> x.id() == id).map(OpenFile::path).findFirst().orElse(null);
            try {
                server.closeFile(id);
                asked.put(id, path);
            } catch (SmbkitException e) {
                out.add(new FileOutcome(id, path, e.failure() == Failure.NOT_FOUND
                        ? "gone already" : "failed: " + e.oneLine(), false));
            }
        }
        if (asked.isEmpty()) {
            return out;
        }
        List<OpenFile> after = settled(() -> server.openFiles(null, null),
                now -> now.stream().anyMatch(f -> asked.containsKey(f.id())));
        asked.forEach((id, path) -> {
            boolean still = after.stream().anyMatch(f -> f.id() == id);
            out.add(new FileOutcome(id, path, still ? "still open after the close" : "closed", !still));
        });
        out.sort(Comparator.comparingInt(f -> ids.indexOf(f.id())));  // in the order asked
        return out;
    }
}
