package smbkit.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;

/** close-sessions' record for the runbook: what it meant to close, written before; what became of it, after. */
public final class CloseRecord {

    private CloseRecord() {}

    public static Map<String, Object> planned(String host, List<CloseTarget> plan, List<OpenFile> files, List<Long> fileIds) {
        return new Run(host, plan, files, fileIds).toMap("planned");
    }

    public static Map<String, Object> done(String host, List<CloseTarget> plan, List<SessionCloser.Outcome> outcomes,
            List<SessionCloser.FileOutcome> fileOutcomes) {
        Run run = new Run(host, plan, List.of(), fileOutcomes.stream().map(SessionCloser.FileOutcome::id).toList());
        outcomes.forEach(run::session);
        fileOutcomes.forEach(run::file);
        return run.toMap("applied");
    }

    /**
     * A run as it goes: the plan, and each session's and file's latest outcome as it becomes known, so that the
     * record says what was already closed when a run is cut off ("in progress"), not only what was planned.
     */
    public static final class Run {
        private final String host;
        private final List<CloseTarget> plan;
        private final List<OpenFile> files;
        private final List<Long> fileIds;
        private final Map<CloseTarget, String> results = new java.util.IdentityHashMap<>();
        private final Map<Long, SessionCloser.FileOutcome> fileResults = new LinkedHashMap<>();

        public Run(String host, List<CloseTarget> plan, List<OpenFile> files, List<Long> fileIds) {
            this.host = host;
            this.plan = List.copyOf(plan);
            this.files = List.copyOf(files);
            this.fileIds = List.copyOf(fileIds);
        }

        public synchronized void session(SessionCloser.Outcome o) {
            results.put(o.target(), o.result());
        }

        public synchronized void file(SessionCloser.FileOutcome f) {
            fileResults.put(f.id(), f);
        }

        /** {@code state}: planned, in progress, applied. */
        public synchronized Map<String, Object> toMap(String state) {
            Map<String, Object> r = header(host, state);
            List<Object> targets = new ArrayList<>();
            plan.forEach(t -> targets.add(CloseRecord.target(t, results.getOrDefault(t, result(t.decision())))));
            r.put("sessions", targets);
            List<Object> fs = new ArrayList<>();
            for (long id : fileIds) {
                OpenFile f = files.stream().filter(x -> x.id() == id).findFirst().orElse(null);
                SessionCloser.FileOutcome o = fileResults.get(id);
                String path = f != null ? f.path() : o == null ? null : o.path();
                fs.add(CloseRecord.file(id, path, f == null ? null : f.user(), o == null ? "close" : o.result()));
            }
            r.put("files", fs);
            return r;
        }
    }

    /**
     * A target's {@code result} when it was not closed by decision: fixed strings of the record's format (as
     * older smbkit wrote them, for whoever reads records), and the words close-sessions prints for them.
     */
    public static String result(CloseTarget.Decision d) {
        return switch (d) {
            case CLOSE -> "close";
            case REFUSED_HOLDS_FILES -> "refused: holds open files (--force closes them, unsaved data may be lost)";
            case SKIPPED_SELF -> "skipped: smbkit's own session";
            case CANNOT_SINGLE_OUT -> "refused: NULL sessions have no user name to close them by while the client "
                    + "has other sessions (close its pipes with --file, or all its sessions with --client)";
        };
    }

    private static Map<String, Object> header(String host, String state) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tool", "close-sessions");
        r.put("host", host);
        r.put("time", Instant.now().toString());
        r.put("state", state);
        return r;
    }

    private static Map<String, Object> target(CloseTarget t, String result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", t.client());
        m.put("user", t.user());
        m.put("kind", t.kind().label());
        m.put("sessions", t.sessions().size());
        m.put("opens", t.opens());
        m.put("whole_client", t.wholeClient());
        m.put("files", t.files().stream().map(OpenFile::path).toList());
        m.put("pipes", t.pipes().stream().map(OpenFile::path).toList());
        m.put("result", result);
        return m;
    }

    private static Map<String, Object> file(long id, String path, String user, String result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("path", path);
        m.put("user", user);
        m.put("result", result);
        return m;
    }
}
