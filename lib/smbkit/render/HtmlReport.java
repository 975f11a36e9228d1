package smbkit.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.Failure;
import smbkit.SmbKit;
import smbkit.SmbkitException;
import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionLimit;
import smbkit.model.Session;
import smbkit.model.Snapshot;

/**
 * smb-diagnose's report as one self-contained HTML file that opens with no network: the findings, the
 * tables, and three charts drawn by Chart.js (inlined from its WebJar): sessions per client, NULL against
 * authenticated, and sessions against the limit per host.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** The reports' style sheet (smb-diagnose's and smb-capture's). */
    public static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.5em}h2{margin-top:1.6em}"
            + "table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
            + "th{background:#f2f2f2}.action{color:#b00020;font-weight:bold}.warning{color:#a15c00;font-weight:bold}.info{color:#555}"
            + "code{background:#f4f4f4;padding:.1em .3em}.charts{display:flex;flex-wrap:wrap;gap:2em}.chart{width:420px;height:300px}"
            + "li.evidence{color:#444;font-size:.9em;font-weight:normal}";

    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    public static String render(List<HostDiagnosis> hosts) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>smbkit diagnosis</title>\n<style>")
                .append(STYLE).append("</style>\n</head><body>\n");
        h.append("<h1>KB 328459 diagnosis</h1>\n<p>smbkit ").append(SmbKit.VERSION).append(", ").append(hosts.size())
                .append(" host(s). System error 71 (no more connections) comes when a server's sessions reach its limit; ")
                .append("NULL sessions held by print spoolers are the usual cause.</p>\n");

        h.append("<h2>Findings</h2>\n<ul id=\"findings\">\n");
        List<HostDiagnosis> ranked = new ArrayList<>(hosts);
        ranked.sort(HostDiagnosis.BY_LOAD); // a host refused for being full first; an unreachable one has its finding too
        for (HostDiagnosis d : ranked) {
            for (Finding f : d.findings()) {
                h.append("<li class=\"finding ").append(f.severity().label()).append("\">").append(esc(d.host())).append(" &mdash; [")
                        .append(f.severity().label()).append("] ").append(f.area().label()).append(": ").append(esc(f.title()));
                if (f.command() != null) {
                    h.append(" <code>").append(esc(f.command())).append("</code>");
                }
                h.append("<ul>");
                f.evidence().forEach(e -> h.append("<li class=\"evidence\">").append(esc(e)).append("</li>"));
                h.append("</ul></li>\n");
            }
        }
        h.append("</ul>\n");

        h.append("<h2>Charts</h2>\n<div class=\"charts\">")
                .append("<div class=\"chart\"><canvas id=\"perClient\"></canvas></div>")
                .append("<div class=\"chart\"><canvas id=\"nullVsUser\"></canvas></div>")
                .append("<div class=\"chart\"><canvas id=\"againstLimit\"></canvas></div></div>\n");

        if (hosts.size() > 1) {
            h.append("<h2>Hosts by load</h2>\n").append(table(DiagnosisView.ranking(hosts)));
        }
        for (HostDiagnosis d : hosts) {
            if (d.reached() && d.snapshot().sessions() != null) {
                h.append("<h2>Sessions on ").append(esc(d.host())).append("</h2>\n").append(table(SessionsView.table(d.snapshot().sessions())));
            }
            if (d.reached() && d.snapshot().shares() != null) {
                h.append("<h2>Shares on ").append(esc(d.host())).append("</h2>\n").append(table(OpenPipesViews.shares(d.snapshot().shares())));
            }
        }

        h.append("<script>\n").append(chartJs()).append("\n</script>\n");
        h.append("<script>\nconst data = ").append(Renderer.json(chartData(hosts)).replace("</", "<\\/")).append(";\n")
                .append("Chart.defaults.animation = false;\n")
                .append("const charts = [\n")
                .append(" new Chart(document.getElementById('perClient'), {type:'bar', data:{labels:data.clients.labels, datasets:[")
                .append("{label:'NULL/guest', data:data.clients.anonymous, backgroundColor:'#d9534f'},")
                .append("{label:'authenticated', data:data.clients.users, backgroundColor:'#5b8def'}]},")
                .append(" options:{plugins:{title:{display:true,text:'Sessions per client'}}, scales:{x:{stacked:true},y:{stacked:true,beginAtZero:true,ticks:{precision:0}}}}}),\n")
                .append(" new Chart(document.getElementById('nullVsUser'), {type:'doughnut', data:{labels:['NULL/guest','authenticated'],")
                .append(" datasets:[{data:[data.totals.anonymous, data.totals.users], backgroundColor:['#d9534f','#5b8def']}]},")
                .append(" options:{plugins:{title:{display:true,text:'NULL against authenticated sessions'}}}}),\n")
                .append(" new Chart(document.getElementById('againstLimit'), {type:'bar', data:{labels:data.hosts.labels, datasets:[")
                .append("{label:'sessions', data:data.hosts.sessions, backgroundColor:'#5b8def'},")
                .append("{label:'limit', data:data.hosts.limits, backgroundColor:'#cccccc'}]},")
                .append(" options:{plugins:{title:{display:true,text:'Sessions against the limit per host'}}, scales:{y:{beginAtZero:true,ticks:{precision:0}}}}})\n")
                .append("];\n")
                .append("document.body.dataset.chartsRendered = charts.filter(c => c.canvas && c.canvas.width > 0).length;\n")
                .append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static Map<String, Object> chartData(List<HostDiagnosis> hosts) {
        Map<String, long[]> perClient = new LinkedHashMap<>();
        long anonymous = 0;
        long users = 0;
        List<String> hostLabels = new ArrayList<>();
        List<Long> hostSessions = new ArrayList<>();
        List<Long> hostLimits = new ArrayList<>();
        for (HostDiagnosis d : hosts) {
            if (!d.reached() || d.snapshot().sessions() == null) {
                continue;
            }
            Snapshot s = d.snapshot();
            for (Session x : s.sessions()) {
                String label = (hosts.size() > 1 ? d.host() + " / " : "") + x.client();
                long[] counts = perClient.computeIfAbsent(label, k -> new long[2]);
                boolean anon = smbkit.kb.SessionKinds.isAnonymous(x);
                counts[anon ? 0 : 1]++;
                if (anon) {
                    anonymous++;
                } else {
                    users++;
                }
            }
            SessionCount count = SessionCount.of(s.sessions(), SessionLimit.of(s.server()));
            hostLabels.add(d.host());
            hostSessions.add((long) count.total());
            hostLimits.add(count.limit().limit() == null ? null : (long) count.limit().limit());
        }
        Map<String, Object> clients = new LinkedHashMap<>();
        clients.put("labels", new ArrayList<>(perClient.keySet()));
        clients.put("anonymous", perClient.values().stream().map(c -> c[0]).toList());
        clients.put("users", perClient.values().stream().map(c -> c[1]).toList());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("anonymous", anonymous);
        totals.put("users", users);
        Map<String, Object> perHost = new LinkedHashMap<>();
        perHost.put("labels", hostLabels);
        perHost.put("sessions", hostSessions);
        perHost.put("limits", hostLimits);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clients", clients);
        data.put("totals", totals);
        data.put("hosts", perHost);
        return data;
    }

    /** A table as HTML: the columns with a header that hold a value in some row. */
    public static String table(TableData t) {
        StringBuilder h = new StringBuilder("<table><tr>");
        List<Column> shown = t.columns().stream().filter(c -> c.header() != null && !t.isEmpty(c)).toList();
        shown.forEach(c -> h.append("<th>").append(esc(c.header())).append("</th>"));
        h.append("</tr>\n");
        for (Map<String, Object> row : t.rows()) {
            h.append("<tr>");
            for (Column c : shown) {
                Object v = row.get(c.key());
                h.append("<td>").append(v == null ? "" : esc(c.display() != null ? c.display().apply(v) : String.valueOf(v))).append("</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String chartJs() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(CHART_JS)) {
            if (in == null) {
                throw new SmbkitException(Failure.INTERNAL, "Chart.js is missing from the class path (" + CHART_JS + ")",
                        "The WebJar org.webjars.npm:chart.js must be a dependency");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new SmbkitException(Failure.INTERNAL, "cannot read Chart.js: " + e.getMessage(), null, e);
        }
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
