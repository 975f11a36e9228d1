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
import smbkit.access.FileControl;
import smbkit.access.ServerAccess;
import smbkit.access.SessionControl;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;
import smbkit.model.Session;
import smbkit.model.SessionFilter;

/**
 * Carries out a close plan (NetrSessionDel, NetrFileClose) and checks the result with a fresh listing:
 * a session that is still there afterwards is reported, not assumed gone.
 */
public final class SessionCloser {

    private SessionCloser() {}

    /**
     * What became of a target: closed, already gone, still there, or why it failed. {@code failure} is the kind
     * of trouble (null when ok): NOT_FOUND for one gone already, the call's own failure when it failed, PARTIAL
     * for one still there or not closed by decision. Exit codes are decided by it, never by the text.
     */
    public record Outcome(CloseTarget target, String result, boolean ok, Failure failure) {

        public Outcome(CloseTarget target, String result, boolean ok) {
            this(target, result, ok, ok ? null : Failure.PARTIAL);
        }
    }

    public record FileOutcome(long id, String path, String result, boolean ok, Failure failure) {

        public FileOutcome(long id, String path, String result, boolean ok) {
            this(id, path, result, ok, ok ? null : Failure.PARTIAL);
        }
    }

    /** Every target gets an outcome: those it was not asked to close keep their decision as the result. */
    /** The progress result of a target or file the server was asked to close, before the check. */
    public static final String ASKED = "asked to close (not yet checked)";

    public static List<Outcome> close(ServerAccess server, List<CloseTarget> targets) {
        return close(server, targets, o -> { });
    }

    /**
     * The same, telling {@code progress} each target's outcome as soon as it is known: "asked to close" right
     * after each delete (so that a run cut off says what it already did), then the checked outcome.
     */
    public static List<Outcome> close(ServerAccess server, List<CloseTarget> targets, java.util.function.Consumer<Outcome> progress) {
        List<Outcome> out = new ArrayList<>();
        Set<String> wholeClientsDone = new HashSet<>();
        List<CloseTarget> asked = new ArrayList<>();
        for (CloseTarget t : targets) {
            if (t.decision() != CloseTarget.Decision.CLOSE) {
                out.add(new Outcome(t, CloseRecord.result(t.decision()), t.decision() == CloseTarget.Decision.SKIPPED_SELF));
                continue;
            }
            try {
                if (t.wholeClient()) {
                    if (wholeClientsDone.add(t.client())) {
                        server.capability(SessionControl.class).deleteSession(t.client(), null);
                    }
                } else {
                    server.capability(SessionControl.class).deleteSession(t.client(), t.user());
                }
                asked.add(t);
                progress.accept(new Outcome(t, ASKED, true, null));
            } catch (SmbkitException e) {
                // Samba answers ERROR_ACCESS_DENIED, not NERR_ClientNameNotFound, when nothing matched.
                boolean gone = e.failure() == Failure.NOT_FOUND
                        || (e.failure() == Failure.ACCESS_DENIED && !present(server.sessions(null, null).sessions(), t));
                Outcome o = gone ? new Outcome(t, "gone already (closed between the listing and the delete)", false, Failure.NOT_FOUND)
                        : new Outcome(t, "failed: " + e.oneLine(), false, e.failure());
                out.add(o);
                progress.accept(o);
            }
        }
        if (asked.isEmpty()) {
            return out;
        }
        List<Session> after = settled(() -> server.sessions(null, null).sessions(), now -> anyPresent(now, asked));
        for (CloseTarget t : asked) {
            Outcome o = present(after, t) ? new Outcome(t, "still there after the delete", false) : new Outcome(t, "closed", true);
            out.add(o);
            progress.accept(o);
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

    /**
     * 0 when everything asked for was closed; 17 when the only trouble is sessions or files already gone; the
     * common failure's code when every trouble is of one kind (15 when the server refused); else 3. Decided by
     * each outcome's failure kind, never by its text.
     */
    public static int exitCode(List<Outcome> outcomes, List<FileOutcome> files) {
        List<Failure> troubles = new ArrayList<>();
        outcomes.stream().filter(o -> !o.ok()).forEach(o -> troubles.add(o.failure() == null ? Failure.PARTIAL : o.failure()));
        files.stream().filter(f -> !f.ok()).forEach(f -> troubles.add(f.failure() == null ? Failure.PARTIAL : f.failure()));
        if (troubles.isEmpty()) {
            return 0;
        }
        if (troubles.stream().distinct().count() == 1) {
            return troubles.get(0).exitCode();
        }
        if (troubles.contains(Failure.ACCESS_DENIED)) {
            return Failure.ACCESS_DENIED.exitCode();
        }
        return Failure.PARTIAL.exitCode();
    }

    public static List<FileOutcome> closeFiles(ServerAccess server, List<Long> ids, List<OpenFile> open) {
        return closeFiles(server, ids, open, f -> { });
    }

    public static List<FileOutcome> closeFiles(ServerAccess server, List<Long> ids, List<OpenFile> open,
            java.util.function.Consumer<FileOutcome> progress) {
        List<FileOutcome> out = new ArrayList<>();
        Map<Long, String> asked = new LinkedHashMap<>();
        for (long id : ids) {
            String path = open.stream().filter(x -> x.id() == id).map(OpenFile::path).findFirst().orElse(null);
            try {
                server.capability(FileControl.class).closeFile(id);
                asked.put(id, path);
                progress.accept(new FileOutcome(id, path, ASKED, true, null));
            } catch (SmbkitException e) {
                FileOutcome f = new FileOutcome(id, path, e.failure() == Failure.NOT_FOUND
                        ? "gone already" : "failed: " + e.oneLine(), false, e.failure());
                out.add(f);
                progress.accept(f);
            }
        }
        if (asked.isEmpty()) {
            return out;
        }
        List<OpenFile> after = settled(() -> server.openFiles(null, null),
                now -> now.stream().anyMatch(f -> asked.containsKey(f.id())));
        asked.forEach((id, path) -> {
            boolean still = after.stream().anyMatch(f -> f.id() == id);
            FileOutcome f = new FileOutcome(id, path, still ? "still open after the close" : "closed", !still);
            out.add(f);
            progress.accept(f);
        });
        out.sort(Comparator.comparingInt(f -> ids.indexOf(f.id())));  // in the order asked
        return out;
    }
}
