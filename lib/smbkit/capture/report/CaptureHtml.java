package smbkit.capture.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.SmbKit;
import smbkit.capture.CaptureReport;
import smbkit.capture.Findings;
import smbkit.capture.smb.SmbSession;
import smbkit.kb.Finding;
import smbkit.render.FindingText;
import smbkit.render.HtmlReport;

/**
 * smb-capture's report as one self-contained HTML file (no script or style fetched, nothing but the file):
 * the findings, then per client its sessions on a timeline from start to end (an SVG drawn by the file
 * itself, anonymous sessions red, the ones still open at the end of the capture reaching its right edge),
 * the sessions table (security context, trees, pipes, RPC interfaces bound or rejected) and the spoolss
 * handles opened and closed; the notes last. smb-diagnose's style sheet and table helper.
 */
public final class CaptureHtml {

    private CaptureHtml() {}

    static final int WIDTH = 900;
    static final int ROW = 22;
    static final int LABEL = 260;
    /** Bounds of one file a browser can open: clients drawn, sessions per client, findings listed. */
    static final int CLIENTS = 200;
    static final int PER_CLIENT = 50;
    static final int FINDINGS = 500;

    public static String render(CaptureReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>smb-capture report</title>\n<style>")
                .append(HtmlReport.STYLE)
                .append("svg.timeline{font-size:11px;background:#fafafa;border:1px solid #ddd}rect.session{fill:#5b8def}")
                .append("rect.session.anonymous{fill:#d9534f}rect.session.open{stroke:#222;stroke-dasharray:3 2}")
                .append(".legend span{display:inline-block;width:1em;height:.8em;margin:0 .3em 0 1em}")
                .append("</style>\n</head><body>\n");
        h.append("<h1>SMB sessions in a capture (KB 328459's Network Monitor step)</h1>\n<p>smbkit ").append(SmbKit.VERSION)
                .append(": ");
        List<String> files = new ArrayList<>();
        for (CaptureReport.FileSummary f : r.files) {
            files.add(HtmlReport.esc(f.path) + " (" + f.format + ", " + f.frames + " frames" + (f.damage == null ? "" : ", "
                    + HtmlReport.esc(f.damage)) + ")");
        }
        h.append(String.join("; ", files)).append(". From ").append(esc(CaptureView.time(r.firstNanos))).append(" to ")
                .append(esc(CaptureView.time(r.lastNanos))).append(": ").append(r.connections).append(" SMB connection(s), ")
                .append(r.sessions.size()).append(" session(s).</p>\n");

        h.append("<h2>Findings</h2>\n<ul id=\"findings\">\n");
        long findings = 0;
        for (Finding f : r.findings) {
            if (++findings > FINDINGS) {
                continue;
            }
            h.append("<li class=\"finding ").append(f.severity().label()).append("\" data-kind=\"")
                    .append(f.kind() == null ? "" : f.kind().label()).append("\">[").append(f.severity().label()).append("] ")
                    .append(f.area().label()).append(": ").append(esc(FindingText.title(f)));
            if (f.command() != null) {
                h.append(" <code>").append(esc(f.command())).append("</code>");
            }
            h.append("<ul>");
            FindingText.evidence(f).forEach(e -> h.append("<li class=\"evidence\">").append(esc(e)).append("</li>"));
            h.append("</ul></li>\n");
        }
        if (findings > FINDINGS) {
            h.append("<li class=\"info more\">").append(findings - FINDINGS).append(" more findings: smb-capture --format json"
                    + " lists them all</li>\n");
        }
        if (findings == 0) {
            h.append("<li class=\"info\">").append(r.sessions.isEmpty() ? "No SMB session in the capture."
                    : "No finding: no NULL session held, no client under several security contexts.").append("</li>\n");
        }
        h.append("</ul>\n");

        Map<String, List<SmbSession>> byClient = new LinkedHashMap<>();
        Map<String, Long> counts = new java.util.HashMap<>();
        long otherClients = 0;
        java.util.Set<String> others = new java.util.HashSet<>();
        for (SmbSession s : r.sessions) {
            List<SmbSession> l = byClient.get(s.client);
            if (l == null && byClient.size() < CLIENTS) {
                l = new ArrayList<>();
                byClient.put(s.client, l);
            }
            if (l == null) {
                if (others.size() < 1_000_000 && others.add(s.client)) {
                    otherClients++;
                }
                continue;
            }
            counts.merge(s.client, 1L, Long::sum);
            if (l.size() < PER_CLIENT) {
                l.add(s);
            }
        }
        others = null;
        for (Map.Entry<String, List<SmbSession>> e : byClient.entrySet()) {
            String client = e.getKey();
            List<SmbSession> sessions = e.getValue();
            long total = counts.get(client);
            h.append("<section class=\"client\" data-client=\"").append(esc(client)).append("\" data-sessions=\"")
                    .append(total).append("\">\n<h2>Client ").append(esc(client)).append("</h2>\n");
            if (total > sessions.size()) {
                h.append("<p class=\"more\">The first ").append(sessions.size()).append(" of its ").append(total)
                        .append(" sessions: smb-capture --client ").append(esc(client)).append(" --format csv lists them all.</p>\n");
            }
            h.append(timeline(r, sessions));
            h.append("<h3>Sessions</h3>\n").append(HtmlReport.table(CaptureView.sessions(r, sessions)));
            boolean anyHandle = sessions.stream().anyMatch(s -> !s.handles.isEmpty());
            if (anyHandle) {
                long held = sessions.stream().mapToLong(s -> s.heldHandles().size()).sum();
                h.append("<h3>spoolss handles</h3>\n<p class=\"handles\" data-held=\"").append(held).append("\">").append(held)
                        .append(" of ").append(sessions.stream().mapToLong(s -> s.handles.size()).sum())
                        .append(" never closed: the print spooler holds them.</p>\n")
                        .append(HtmlReport.table(CaptureView.handles(sessions)));
            }
            h.append("</section>\n");
        }
        if (otherClients > 0) {
            h.append("<p class=\"more\" id=\"more-clients\">").append(otherClients).append(" more client(s) not drawn (at most ")
                    .append(CLIENTS).append(" here): smb-capture --format csv lists every session.</p>\n");
        }

        if (!r.notes.isEmpty() || !r.failedFiles.isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul id=\"notes\">\n");
            NoteText.all(r).forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<script>\n")
                .append("const bars = [...document.querySelectorAll('rect.session')].filter(b => b.getBBox().width > 0);\n")
                .append("document.body.dataset.timelineBars = bars.length;\n")
                .append("document.body.dataset.clients = document.querySelectorAll('section.client').length;\n")
                .append("</script>\n</body></html>\n");
        return h.toString();
    }

    /** The client's sessions as bars from start to end on the capture's time line. */
    static String timeline(CaptureReport r, List<SmbSession> sessions) {
        long first = r.firstNanos == null ? 0 : r.firstNanos;
        long last = r.lastNanos == null ? first : r.lastNanos;
        double span = Math.max(1, last - first);
        int plot = WIDTH - LABEL - 10;
        int height = ROW * sessions.size() + 30;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"sessions from start to end\">\n");
        int y = 4;
        for (SmbSession s : sessions) {
            long end = s.endNanos != null ? s.endNanos : last;
            double x0 = LABEL + plot * ((s.startNanos - first) / span);
            double w = Math.max(2, plot * ((end - s.startNanos) / span));
            String cls = "session" + (s.anonymous() ? " anonymous" : "") + (s.endNanos == null ? " open" : "");
            String label = s.clientPort + " 0x" + Long.toHexString(s.sessionId) + " " + s.context();
            b.append("<text x=\"4\" y=\"").append(y + 14).append("\">").append(esc(label)).append("</text>");
            b.append("<rect class=\"").append(cls).append("\" x=\"").append(String.format(java.util.Locale.ROOT, "%.1f", x0))
                    .append("\" y=\"").append(y).append("\" width=\"").append(String.format(java.util.Locale.ROOT, "%.1f", w))
                    .append("\" height=\"").append(ROW - 6).append("\" data-start=\"").append(esc(CaptureView.time(s.startNanos)))
                    .append("\" data-end=\"").append(s.endNanos == null ? "" : esc(CaptureView.time(s.endNanos)))
                    .append("\"><title>").append(esc(label + ": " + CaptureView.time(s.startNanos) + " to "
                            + (s.endNanos == null ? "the end of the capture (still open)" : CaptureView.time(s.endNanos) + " ("
                            + s.endReason + ")") + ", " + s.durationSeconds(last) + " s")).append("</title></rect>\n");
            y += ROW;
        }
        b.append("<text x=\"").append(LABEL).append("\" y=\"").append(height - 6).append("\">")
                .append(esc(CaptureView.time(first))).append("</text>");
        b.append("<text x=\"").append(WIDTH - 10).append("\" y=\"").append(height - 6).append("\" text-anchor=\"end\">")
                .append(esc(CaptureView.time(last))).append("</text>\n</svg>\n");
        b.append("<p class=\"legend\"><span style=\"background:#d9534f\"></span>anonymous (NULL)<span style=\"background:#5b8def\">")
                .append("</span>authenticated; a dashed outline: still open at the end of the capture</p>\n");
        return b.toString();
    }

    static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
