package smbkit.fuzz;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.change.AnonymousRestriction;
import smbkit.change.PrinterShares;
import smbkit.kb.HostDiagnosis;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionLimit;
import smbkit.model.Snapshot;
import smbkit.render.AnonymousView;
import smbkit.render.DiagnosisView;
import smbkit.render.Format;
import smbkit.render.HtmlReport;
import smbkit.render.NullSessionsView;
import smbkit.render.OpenPipesViews;
import smbkit.render.PrinterSharesView;
import smbkit.render.Renderer;
import smbkit.render.SessionsView;
import smbkit.render.TableData;
import smbkit.scan.SnapshotCollector;
import smbkit.store.SnapshotJson;

/**
 * Everything downstream of the decoders, run on one server: the snapshot and its JSON (written, read
 * back, diagnosed again), the diagnosis and its views, the sessions, files, shares and connections views,
 * the NULL-session analysis, Method 2's plan and backup, Method 1's reading. A step may refuse with a
 * SmbkitException that is not a bug (a part the server refused, a malformed reply); anything else escapes.
 */
public final class Consumers {

    private Consumers() {}

    static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

    /** @param tables also render through Tablesaw and HTML (slower; the long run samples it) */
    public static void run(ServerAccess server, boolean tables) throws Exception {
        Snapshot snap = SnapshotCollector.collect(server);
        String json = Renderer.json(SnapshotJson.write(snap));
        Snapshot back = SnapshotJson.read(JSON.std.anyFrom(json), "fuzz");
        List<HostDiagnosis> hosts = List.of(HostDiagnosis.of(snap), HostDiagnosis.of(back));
        List<TableData> views = new ArrayList<>();
        views.add(DiagnosisView.findings(hosts));
        views.add(DiagnosisView.ranking(hosts));
        hosts.forEach(DiagnosisView::text);
        views.add(NullSessionsView.table(DiagnosisView.nullClients(snap)));
        if (snap.sessions() != null) {
            views.add(SessionsView.table(snap.sessions()));
            SessionsView.summary(SessionCount.of(snap.sessions(), SessionLimit.of(snap.server())), snap.server(),
                    snap.host(), snap.sessionsSource());
        }
        if (snap.files() != null) {
            views.add(OpenPipesViews.files(snap.files()));
        }
        if (snap.shares() != null) {
            views.add(OpenPipesViews.shares(snap.shares()));
        }
        if (snap.connections() != null) {
            views.add(OpenPipesViews.connections(snap.connections(), Boolean.TRUE.equals(snap.connectionsReliable())));
        }
        refusable(() -> {
            PrinterShares.Plan plan = PrinterShares.plan(server, List.of());
            TableData t = PrinterSharesView.table();
            PrinterSharesView.add(t, plan, Map.of());
            views.add(t);
            Renderer.json(PrinterShares.backup(plan));
        });
        refusable(() -> {
            AnonymousRestriction.Reading r = AnonymousRestriction.read(server);
            views.add(AnonymousView.settings(r));
            if (!r.rows().isEmpty()) {
                AnonymousRestriction.current(r);
            }
        });
        for (TableData t : views) {
            Renderer.print(t, Format.csv, NOWHERE);
            Renderer.print(t, Format.json, NOWHERE);
            if (tables) {
                Renderer.print(t, Format.table, NOWHERE);
            }
        }
        if (tables) {
            HtmlReport.render(hosts);
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** A refusal the user gets as one line (not exit 70) is a fine outcome for a step. */
    static void refusable(Step step) throws Exception {
        try {
            step.run();
        } catch (SmbkitException e) {
            if (e.failure() == Failure.INTERNAL) {
                throw e;
            }
        }
    }
}
