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
        Map<String, Object> r = header(host, "planned");
        List<Object> targets = new ArrayList<>();
        plan.forEach(t -> targets.add(target(t, t.decision().label())));
        r.put("sessions", targets);
        List<Object> fs = new ArrayList<>();
        for (long id : fileIds) {
            OpenFile f = files.stream().filter(x -> x.id() == id).findFirst().orElse(null);
            fs.add(file(id, f == null ? null : f.path(), f == null ? null : f.user(), "close"));
        }
        r.put("files", fs);
        return r;
    }

    public static Map<String, Object> done(String host, List<CloseTarget> plan, List<SessionCloser.Outcome> outcomes,
            List<SessionCloser.FileOutcome> fileOutcomes) {
        Map<String, Object> r = header(host, "applied");
        List<Object> targets = new ArrayList<>();
        for (CloseTarget t : plan) {
            String result = outcomes.stream().filter(o -> o.target() == t).map(SessionCloser.Outcome::result)
                    .findFirst().orElse(t.decision().label());
            targets.add(target(t, result));
        }
        r.put("sessions", targets);
        List<Object> fs = new ArrayList<>();
        fileOutcomes.forEach(f -> fs.add(file(f.id(), f.path(), null, f.result())));
        r.put("files", fs);
        return r;
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
