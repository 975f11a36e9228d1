package smbkit.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import smbkit.SmbKit;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.NullSessionVerdict;
import smbkit.kb.Persistence;
import smbkit.kb.Sample;
import smbkit.kb.SessionCount;
import smbkit.kb.TrackedSession;
import smbkit.model.Order;

/**
 * smb-null-sessions --samples N --html FILE: one self-contained HTML file (no script, style or font fetched)
 * with the verdict and its commands ready to copy, then a timeline of the samples, one row per NULL session:
 * a bar from when it started (the sample's time less its active time) to when it was last seen, solid over
 * the samples that saw it; the temporary ones end before the last sample, the permanent ones reach it past
 * the KB's 90 s. At a file server's scale the timeline keeps the clients with the most NULL sessions and
 * groups the rest in one line; every session is in the filterable table below. Prints on paper: the
 * bars keep their colours and each row says in words what became of its session.
 */
public final class SamplesReport {

    private SamplesReport() {}

    /** Rows drawn on the timeline; the sessions past these are grouped in one line (and all are in the table). */
    static final int TIMELINE_ROWS = 40;
    /** Clients named one by one in the verdict; the rest are one line (the table per client lists them all). */
    static final int VERDICT_CLIENTS = HtmlReport.LISTED;
    static final int WIDTH = 1000;
    static final int LABEL = 250;
    static final int STATUS = 150;
    static final int ROW = 18;
    static final int AXIS = 44;
    /** How far before the first sample the axis reaches, at most, to show sessions older than the sampling. */
    static final long BEFORE_MIN_S = 120;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern COMMAND = Pattern.compile("(smb-[a-z-]+ [^()]*?) \\(a dry run; add --apply\\)");

    static final String TIMELINE_STYLE = "svg.samples{width:100%;height:auto;font-size:11px;background:#fafafa;border:1px solid #ddd}"
            + "rect.null{fill:#d9534f}rect.null.young{fill:#f0ad4e}rect.null.gone{fill:#9aa5b1}"
            + "rect.before{opacity:.35}line.sample{stroke:#bbb;stroke-dasharray:2 3}line.kb90{stroke:#222;stroke-width:1.5}"
            + "text.status.permanent{fill:#b00020;font-weight:bold}text.status.gone{fill:#555}text.status.young{fill:#a15c00}"
            + "text.client{font-family:ui-monospace,monospace}p.grouped{color:#444;font-style:italic}"
            + ".legend span{display:inline-block;width:1em;height:.8em;margin:0 .3em 0 1em;vertical-align:middle}"
            + "@media screen{pre.cmd{max-height:4.6em;overflow:auto}}@media print{svg.samples,.legend span,rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
            + "svg.samples{break-inside:auto}h2{break-after:avoid}}";

    /**
     * One row of the timeline: a NULL session of a client, times in seconds after the first sample, and the
     * client's NetBIOS name (null when unknown).
     */
    record Row(NullClient client, TrackedSession session, long start, long firstSeen, long lastSeen, String name) {}

    /**
     * @param host the server, as the user named it
     * @param samples oldest first, as taken
     * @param clients the NULL sessions per client across the samples ({@link NullSessionAnalysis})
     * @param stopped null, or why the sampling stopped early (the server went away)
     */
    public static String render(String host, List<Sample> samples, List<NullClient> clients, SessionCount count,
            NullSessionVerdict verdict, String stopped) {
        return render(host, samples, clients, count, verdict, stopped, Map.of());
    }

    /** @param names the clients' NetBIOS names by client, shown beside their addresses */
    public static String render(String host, List<Sample> samples, List<NullClient> clients, SessionCount count,
            NullSessionVerdict verdict, String stopped, Map<String, String> names) {
        Instant t0 = samples.get(0).at();
        long span = samples.get(samples.size() - 1).at().getEpochSecond() - t0.getEpochSecond();
        List<Row> rows = rows(clients, names);
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>NULL sessions on ").append(esc(host))
                .append("</title>\n<style>").append(HtmlReport.STYLE).append(TIMELINE_STYLE).append("</style>\n</head><body>\n");
        h.append("<h1>NULL sessions on ").append(esc(host)).append(" (KB 328459)</h1>\n<p>smbkit ").append(SmbKit.VERSION).append(": ")
                .append(samples.size()).append(" sample(s) from ").append(clock(t0)).append(" to ")
                .append(clock(samples.get(samples.size() - 1).at())).append(" UTC (").append(span).append(" s); ")
                .append(count.total()).append(" session(s) in use now")
                .append(count.limit().limit() == null ? "" : " of " + count.limit().limit()).append(", ")
                .append(verdict.slotsTaken()).append(" of them NULL. Temporary NULL sessions (an IPC$ set-up) end within 30 to ")
                .append(NullSessionAnalysis.TEMPORARY_MAX_S).append(" s; the ones that stay longer are permanent and hold a slot until closed.</p>\n");
        if (stopped != null) {
            h.append("<p class=\"warning\" id=\"stopped\">").append(esc(stopped)).append("</p>\n");
        }

        h.append("<h2>Verdict</h2>\n<ul id=\"findings\">\n");
        int perClient = 0;
        long clientLines = NullSessionsView.verdict(verdict).stream().filter(l -> l.startsWith("  ")).count();
        for (String line : NullSessionsView.verdict(verdict)) {
            if (line.startsWith("  ") && ++perClient > VERDICT_CLIENTS) {
                if (perClient == VERDICT_CLIENTS + 1) {
                    h.append("<li class=\"finding evidence\" id=\"more-clients\">and ").append(clientLines - VERDICT_CLIENTS)
                            .append(" more clients with permanent NULL sessions: see the table per client below.</li>\n");
                }
                continue;
            }
            String cls = line.startsWith("Method") || line.startsWith("Existing") ? "action" : line.startsWith("  ") ? "evidence" : "info";
            h.append("<li class=\"finding ").append(cls).append("\">");
            Matcher m = COMMAND.matcher(line);
            if (m.find()) {
                h.append(esc(HtmlReport.brief(line.substring(0, m.start()).replaceFirst(":\\s*$", ":")))).append("<br><pre class=\"cmd\">")
                        .append(esc(m.group(1))).append("</pre><button class=\"copy\" type=\"button\">copy</button> (a dry run; add --apply)");
            } else {
                h.append(esc(line.strip()));
            }
            h.append("</li>\n");
        }
        h.append("</ul>\n");

        h.append("<h2>Timeline of the samples</h2>\n");
        if (rows.isEmpty()) {
            h.append("<p id=\"no-null\">No NULL session in any sample.</p>\n");
        } else {
            h.append(timeline(rows, samples, t0, span));
        }

        h.append("<h2>Per client</h2>\n").append(HtmlReport.table(NullSessionsView.table(clients, names), true));
        h.append("<h2>Every NULL session</h2>\n").append(HtmlReport.table(sessions(rows, samples, t0), true));

        h.append("<script>\n")
                .append("document.body.dataset.timelineBars = [...document.querySelectorAll('svg.samples rect.null:not(.before)')]")
                .append(".filter(b => b.getBBox().width > 0).length;\n")
                .append(HtmlReport.INTERACTION)
                .append("</script>\n</body></html>\n");
        return h.toString();
    }

    /** Clients with the most permanent NULL sessions first (then the most now, in all, then by name); their sessions by start. */
    static List<Row> rows(List<NullClient> clients) {
        return rows(clients, Map.of());
    }

    static List<Row> rows(List<NullClient> clients, Map<String, String> names) {
        List<NullClient> ranked = new ArrayList<>(clients);
        ranked.sort(Comparator.comparingLong((NullClient c) -> -c.count(Persistence.PERMANENT)).thenComparingLong(c -> -c.present())
                .thenComparingLong(c -> -c.sessions().size())
                .thenComparing(NullClient::client, Order.NAMES));
        List<Row> rows = new ArrayList<>();
        for (NullClient c : ranked) {
            List<Row> mine = new ArrayList<>();
            for (TrackedSession s : c.sessions()) {
                long start = Math.min(s.firstSeenS(), s.lastSeenS() - s.ageS());
                mine.add(new Row(c, s, start, s.firstSeenS(), s.lastSeenS(), TableData.clientName(names, c.client())));
            }
            mine.sort(Comparator.comparingLong(Row::start).thenComparingLong(Row::lastSeen));
            rows.addAll(mine);
        }
        return rows;
    }

    static String timeline(List<Row> rows, List<Sample> samples, Instant t0, long span) {
        List<Row> drawn = rows.subList(0, Math.min(TIMELINE_ROWS, rows.size()));
        long earliest = drawn.stream().mapToLong(Row::start).min().orElse(0);
        long before = Math.max(BEFORE_MIN_S, span);
        long from = Math.max(earliest, -before);
        long to = Math.max(span, from + 1);
        // a short sampling: room after the last sample up to the KB's 90 s, where a young session would turn permanent
        if (to - from < NullSessionAnalysis.TEMPORARY_MAX_S + 10) {
            to = from + NullSessionAnalysis.TEMPORARY_MAX_S + 10;
        }
        double plot = WIDTH - LABEL - STATUS - 10;
        double scale = plot / (to - from);
        int height = AXIS + ROW * drawn.size() + 8;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"samples\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"NULL sessions across the samples\" data-rows=\"")
                .append(drawn.size()).append("\">\n");
        // the samples: a dashed line each, labelled with the clock where there is room for it
        double labelled = -1000;
        for (int i = 0; i < samples.size(); i++) {
            long at = samples.get(i).at().getEpochSecond() - t0.getEpochSecond();
            double x = LABEL + (at - from) * scale;
            b.append("<line class=\"sample\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(AXIS - 6)
                    .append("\" y2=\"").append(height - 4).append("\"/>");
            boolean label = x - labelled >= 55 && (samples.size() <= 8 || i == 0 || i == samples.size() - 1 || x - labelled >= 110);
            if (label) {
                labelled = x;
                b.append("<text x=\"").append(f(x)).append("\" y=\"20\" text-anchor=\"middle\">").append(clock(samples.get(i).at())).append("</text>");
            }
            b.append('\n');
        }
        b.append("<text x=\"4\" y=\"").append(AXIS - 6).append("\" font-weight=\"bold\">client (user)</text>")
                .append("<text x=\"").append(WIDTH - STATUS + 4).append("\" y=\"").append(AXIS - 6)
                .append("\" font-weight=\"bold\">what became of it</text>\n");
        int y = AXIS;
        String previous = null;
        for (Row r : drawn) {
            TrackedSession s = r.session();
            String p = s.persistence().label();
            String who = r.client().client();
            String user = s.last().user() == null ? "?" : s.last().user().isEmpty() ? "(null)" : s.last().user();
            b.append("<g class=\"session ").append(p).append("\" data-client=\"").append(esc(who)).append("\">");
            if (!who.equals(previous)) {
                b.append("<text class=\"client\" x=\"4\" y=\"").append(y + ROW - 5).append("\">").append(esc(clip(label(r), 34)))
                        .append("</text>");
            }
            b.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + ROW - 5).append("\" text-anchor=\"end\" fill=\"#666\">")
                    .append(esc(clip(user, 12))).append("</text>");
            previous = who;
            double xStart = LABEL + (Math.max(r.start(), from) - from) * scale;
            double xFirst = LABEL + (r.firstSeen() - from) * scale;
            double xLast = LABEL + (r.lastSeen() - from) * scale;
            String title = esc(who + " (" + user + "): started " + clock(t0.plusSeconds(r.start())) + ", seen from "
                    + clock(t0.plusSeconds(r.firstSeen())) + " to " + clock(t0.plusSeconds(r.lastSeen())) + ", " + s.ageS() + " s old; "
                    + status(s, samples, t0));
            if (xFirst - xStart > 0.5) {
                b.append("<rect class=\"null before ").append(p).append("\" x=\"").append(f(xStart)).append("\" y=\"").append(y + 3)
                        .append("\" width=\"").append(f(xFirst - xStart)).append("\" height=\"").append(ROW - 6).append("\"/>");
            }
            if (r.start() < from) {
                b.append("<text x=\"").append(LABEL + 2).append("\" y=\"").append(y + ROW - 6).append("\" font-size=\"9\">\u25c2 since ")
                        .append(clock(t0.plusSeconds(r.start()))).append("</text>");
            }
            b.append("<rect class=\"null ").append(p).append("\" x=\"").append(f(xFirst)).append("\" y=\"").append(y + 3)
                    .append("\" width=\"").append(f(Math.max(3, xLast - xFirst))).append("\" height=\"").append(ROW - 6)
                    .append("\"><title>").append(title).append("</title></rect>");
            long kb = r.start() + NullSessionAnalysis.TEMPORARY_MAX_S; // the KB's 90 s on this session's own clock
            if (kb >= from && kb <= to) {
                double x = LABEL + (kb - from) * scale;
                b.append("<line class=\"kb90\" x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(y + 1)
                        .append("\" y2=\"").append(y + ROW - 1).append("\"/>");
            }
            b.append("<text class=\"status ").append(p).append("\" x=\"").append(WIDTH - STATUS + 4).append("\" y=\"").append(y + ROW - 5)
                    .append("\">").append(esc(statusShort(s, samples, t0))).append("</text></g>\n");
            y += ROW;
        }
        b.append("</svg>\n");
        b.append("<p class=\"legend\"><span style=\"background:#d9534f\"></span>permanent (").append(NullSessionAnalysis.TEMPORARY_MAX_S)
                .append(" s or more, still there)<span style=\"background:#f0ad4e\"></span>young (still there, not yet ")
                .append(NullSessionAnalysis.TEMPORARY_MAX_S).append(" s)<span style=\"background:#9aa5b1\"></span>temporary (ended)")
                .append("<span style=\"background:#d9534f;opacity:.35\"></span>before the first sample (from its active time); ")
                .append("a black tick: ").append(NullSessionAnalysis.TEMPORARY_MAX_S).append(" s after the session started; dashed lines: the samples</p>\n");
        if (rows.size() > drawn.size()) {
            List<Row> rest = rows.subList(drawn.size(), rows.size());
            long restClients = rest.stream().map(r -> r.client().client()).distinct().count();
            b.append("<p class=\"grouped\" id=\"grouped\" data-sessions=\"").append(rest.size()).append("\">and ").append(rest.size())
                    .append(" more NULL session(s) from ").append(restClients).append(" client(s), not drawn: ")
                    .append(count(rest, Persistence.PERMANENT)).append(" permanent, ").append(count(rest, Persistence.YOUNG))
                    .append(" young, ").append(count(rest, Persistence.GONE)).append(" temporary; every one is in the table below.</p>\n");
        }
        return b.toString();
    }

    /** Every NULL session, one row each, for the page's filter and sort. */
    static TableData sessions(List<Row> rows, List<Sample> samples, Instant t0) {
        TableData t = new TableData("NULL sessions, one row each")
                .column("client", "Client", String.class)
                .column("user", "As", String.class)
                .column("persistence", "What became of it", String.class)
                .column("started", "Started (UTC)", String.class)
                .column("first_seen", "First seen", String.class)
                .column("last_seen", "Last seen", String.class)
                .column(Column.of("age_s", "Age", Long.class, Renderer::duration));
        for (Row r : rows) {
            TrackedSession s = r.session();
            t.row(label(r), s.last().user() == null ? "?" : s.last().user().isEmpty() ? "(null)" : s.last().user(), status(s, samples, t0),
                    clock(t0.plusSeconds(r.start())), clock(t0.plusSeconds(r.firstSeen())), clock(t0.plusSeconds(r.lastSeen())), s.ageS());
        }
        return t;
    }

    /** The client as the data names it: its address, and its name when the listing has one. */
    static String label(Row r) {
        return r.name() == null ? r.client().client() : r.client().client() + " (" + r.name() + ")";
    }

    private static long count(List<Row> rows, Persistence p) {
        return rows.stream().filter(r -> r.session().persistence() == p).count();
    }

    private static String status(TrackedSession s, List<Sample> samples, Instant t0) {
        return switch (s.persistence()) {
            case PERMANENT -> "permanent: still there after " + s.ageS() + " s";
            case YOUNG -> "young: still there, " + s.ageS() + " s old";
            case GONE -> "temporary: last seen " + clock(t0.plusSeconds(s.lastSeenS())) + ", gone by " + goneBy(s, samples, t0);
        };
    }

    private static String statusShort(TrackedSession s, List<Sample> samples, Instant t0) {
        return switch (s.persistence()) {
            case PERMANENT -> "permanent, " + s.ageS() + " s";
            case YOUNG -> "young, " + s.ageS() + " s";
            case GONE -> "ended, gone by " + goneBy(s, samples, t0);
        };
    }

    /** The first sample after the one that saw a session last: it had ended by then. */
    private static String goneBy(TrackedSession s, List<Sample> samples, Instant t0) {
        Instant last = t0.plusSeconds(s.lastSeenS());
        return samples.stream().map(Sample::at).filter(a -> a.getEpochSecond() > last.getEpochSecond()).findFirst()
                .map(SamplesReport::clock).orElse("the end");
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    static String clock(Instant at) {
        return CLOCK.format(at);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
