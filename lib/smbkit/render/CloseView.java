package smbkit.render;

import java.util.List;

import smbkit.change.CloseRecord;
import smbkit.change.SessionCloser;
import smbkit.kb.CloseTarget;
import smbkit.model.OpenFile;

/** close-sessions' output: the plan (what would be closed, and what is refused), then what happened. */
public final class CloseView {

    private CloseView() {}

    private static TableData table(String title) {
        return new TableData(title)
                .column("client", "Client", String.class)
                .column(Column.of("user", "User", String.class, Renderer::userName))
                .column("kind", "Kind", String.class)
                .column("sessions", "Sessions", Long.class)
                .column("opens", "Opens", Long.class)
                .column("files", "Files open", String.class)
                .column("pipes", "Pipes open", String.class)
                .column("file_id", "File id", Long.class)
                .column("result", "Action", String.class);
    }

    private static void row(TableData t, CloseTarget c, String result) {
        t.row(c.client(), c.user(), c.kind().label(),
                (long) c.sessions().size(), c.opens(), join(c.files()), join(c.pipes()), null, result);
    }

    public static TableData plan(List<CloseTarget> plan, List<OpenFile> files, List<Long> fileIds) {
        TableData t = table("Would close");
        plan.forEach(c -> row(t, c, c.decision() == CloseTarget.Decision.CLOSE
                ? (c.wholeClient() ? "close (all of the client's sessions)" : "close") : CloseRecord.result(c.decision())));
        for (long id : fileIds) {
            OpenFile f = files.stream().filter(x -> x.id() == id).findFirst().orElse(null);
            t.row(null, f == null ? null : f.user(), f != null && f.isPipe() ? "pipe" : "file", null, null,
                    f == null || f.isPipe() ? null : f.path(), f != null && f.isPipe() ? f.path() : null, id, "close");
        }
        return t;
    }

    public static TableData outcomes(List<SessionCloser.Outcome> outcomes, List<SessionCloser.FileOutcome> files) {
        TableData t = table("Closed");
        outcomes.forEach(o -> row(t, o.target(), o.result()));
        files.forEach(f -> t.row(null, null, null, null, null, f.path(), null, f.id(), f.result()));
        return t;
    }

    private static String join(List<OpenFile> files) {
        return files.isEmpty() ? null : String.join(", ", files.stream().map(OpenFile::path).toList());
    }
}
