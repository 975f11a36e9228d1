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
import smbkit.model.Order;
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
    public static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:72em}h1{font-size:1.5em}"
            + "h2{margin-top:1.6em}table{border-collapse:collapse;margin:.6em 0;font-size:.9em}"
            + "th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + "th{background:#f2f2f2}table.sortable th{cursor:pointer}"
            + "table.sortable th:after{content:' \\2195';color:#999}.action{color:#b00020;font-weight:bold}"
            + ".warning{color:#a15c00;font-weight:bold}.info{color:#555}"
            + "code,pre.cmd{background:#f4f4f4;padding:.1em .3em}"
            + "pre.cmd{display:inline-block;margin:.3em 0;white-space:pre-wrap}"
            + "button.copy{margin-left:.5em;font-size:.8em}.charts{display:flex;flex-wrap:wrap;gap:2em}"
            + ".chart{width:460px;height:300px}"
            + ".bar{background:#eee;width:16em;height:1em;display:inline-block;vertical-align:middle;border:1px solid #bbb}"
            + ".bar span{display:block;height:100%;background:#5b8def}.bar span.full{background:#d9534f}"
            + ".bar span.near{background:#f0ad4e}li.evidence{color:#444;font-size:.9em;font-weight:normal}"
            + "td.load{white-space:nowrap}input.filter{margin:.4em 0;padding:.2em;width:20em}@media print{button,input.filter{display:none}"
            + ".chart{width:45%;height:260px;break-inside:avoid}section.host{break-before:page}"
            + "body{margin:0;max-width:none}a{color:inherit;text-decoration:none}}";

    static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    /** Clients shown by name in a host's chart; the rest are one "others" bar. */
    static final int TOP_CLIENTS = 12;

    public static String render(List<HostDiagnosis> hosts) {
        return render(hosts, Map.of());
    }

    /** @param names the clients' NetBIOS names by client address, shown beside the addresses */
    public static String render(List<HostDiagnosis> hosts, Map<String, String> names) {
        List<HostDiagnosis> ranked = new ArrayList<>(hosts);
        ranked.sort(HostDiagnosis.BY_LOAD); // a host refused for being full first; an unreachable one has its finding too
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>smbkit diagnosis</title>\n<style>")
                .append(STYLE).append("</style>\n</head><body>\n");
        h.append("<h1>KB 328459 diagnosis</h1>\n<p>smbkit ").append(SmbKit.VERSION).append(", ").append(hosts.size())
                .append(" host(s). System error 71 (no more connections) comes when a server's sessions reach its limit; ")
                .append("NULL sessions held by print spoolers are the usual cause.</p>\n");

        h.append("<h2>Hosts by how close they are to their limit</h2>\n<table id=\"ranking\"><tr><th>Host</th><th>Status</th>")
                .append("<th>Sessions against the limit</th><th>NULL</th><th>Actions</th><th>Top finding</th></tr>\n");
        TableData ranking = DiagnosisView.ranking(ranked);
        for (int i = 0; i < ranked.size(); i++) {
            Map<String, Object> r = ranking.rows().get(i);
            Object sessions = r.get("sessions");
            Object limit = r.get("limit");
            double load = r.get("load") == null ? (ranked.get(i).atLimitRefused() ? 1.0 : 0) : ((Number) r.get("load")).doubleValue();
            String cls = load >= 1 ? "full" : load >= 0.75 ? "near" : "";
            h.append("<tr class=\"host-row\"><td><a href=\"#host-").append(i).append("\">").append(esc((String) r.get("host"))).append("</a></td><td>")
                    .append(esc((String) r.get("status"))).append("</td><td class=\"load\"><span class=\"bar\" title=\"").append(Math.round(load * 100))
                    .append("%\"><span class=\"").append(cls).append("\" style=\"width:").append(Math.min(100, Math.round(load * 100)))
                    .append("%\"></span></span> ").append(sessions == null ? "?" : sessions).append(" / ").append(limit == null ? "no limit" : limit)
                    .append("</td><td>").append(r.get("null_sessions") == null ? "" : r.get("null_sessions")).append("</td><td>")
                    .append(r.get("actions") == null ? "" : r.get("actions")).append("</td><td>").append(esc(brief((String) r.get("top_finding"))))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Findings</h2>\n<ul id=\"findings\">\n");
        for (int i = 0; i < ranked.size(); i++) {
            HostDiagnosis d = ranked.get(i);
            for (Finding f : d.findings()) {
                h.append("<li class=\"finding ").append(f.severity().label()).append("\"><a href=\"#host-").append(i).append("\">")
                        .append(esc(d.host())).append("</a> &mdash; [").append(f.severity().label()).append("] ")
                        .append(f.area().label()).append(": ").append(esc(brief(FindingText.title(f))));
                if (f.command() != null) {
                    h.append("<br><pre class=\"cmd\">").append(esc(f.command())).append("</pre><button class=\"copy\" type=\"button\">copy</button>");
                }
                h.append("<ul>").append(evidence(FindingText.evidence(f))).append("</ul></li>\n");
            }
        }
        h.append("</ul>\n");

        h.append("<h2>Charts</h2>\n<div class=\"charts\">")
                .append("<div class=\"chart\"><canvas id=\"perClient\"></canvas></div>")
                .append("<div class=\"chart\"><canvas id=\"nullVsUser\"></canvas></div>")
                .append("<div class=\"chart\"><canvas id=\"againstLimit\"></canvas></div></div>\n");

        for (int i = 0; i < ranked.size(); i++) {
            HostDiagnosis d = ranked.get(i);
            h.append("<section class=\"host\" id=\"host-").append(i).append("\"><h2>").append(esc(d.host())).append("</h2>\n");
            if (d.reached() && d.snapshot().dialect() != null) {
                h.append("<p class=\"dialect\">").append(esc(d.host())).append(" spoke <code>").append(esc(d.snapshot().dialect()))
                        .append("</code>").append(d.snapshot().smb1() ? " (SMB1: an NT 4.0/2000/XP-class machine)" : "").append("</p>\n");
            }
            if (d.reached() && d.snapshot().sessions() != null) {
                h.append("<h3>Sessions</h3>\n").append(table(SessionsView.table(d.snapshot().sessions(), names), true));
            }
            if (d.reached() && d.snapshot().shares() != null) {
                h.append("<h3>Shares</h3>\n").append(table(OpenPipesViews.shares(d.snapshot().shares()), true));
            }
            if (!d.reached()) {
                h.append("<p>").append(esc(d.failure())).append("</p>\n");
            }
            h.append("</section>\n");
        }

        h.append("<script>\n").append(chartJs()).append("\n</script>\n");
        h.append("<script>\nconst data = ").append(Renderer.json(chartData(ranked, names)).replace("</", "<\\/")).append(";\n")
                .append("Chart.defaults.animation = false;\n")
                .append("const charts = [\n")
                .append(" new Chart(document.getElementById('perClient'), {type:'bar', data:{labels:data.clients.labels, datasets:[")
                .append("{label:'NULL/guest', data:data.clients.anonymous, backgroundColor:'#d9534f'},")
                .append("{label:'authenticated', data:data.clients.users, backgroundColor:'#5b8def'}]},")
                .append(" options:{indexAxis:'y', maintainAspectRatio:false, plugins:{title:{display:true,text:['Sessions per client (top '+data.clients.top+')', data.clients.others].filter(t => t)}}, scales:{x:{stacked:true,beginAtZero:true,ticks:{precision:0}},y:{stacked:true,ticks:{autoSkip:false}}}}}),\n")
                .append(" new Chart(document.getElementById('nullVsUser'), {type:'doughnut', data:{labels:['NULL/guest','authenticated'],")
                .append(" datasets:[{data:[data.totals.anonymous, data.totals.users], backgroundColor:['#d9534f','#5b8def']}]},")
                .append(" options:{maintainAspectRatio:false, plugins:{title:{display:true,text:'NULL against authenticated sessions'}}}}),\n")
                .append(" new Chart(document.getElementById('againstLimit'), {type:'bar', data:{labels:data.hosts.labels, datasets:[")
                .append("{label:'sessions', data:data.hosts.sessions, backgroundColor:'#5b8def'},")
                .append("{label:'limit', data:data.hosts.limits, backgroundColor:'#cccccc'}]},")
                .append(" options:{maintainAspectRatio:false, plugins:{title:{display:true,text:'Sessions against the limit per host'}}, scales:{y:{beginAtZero:true,ticks:{precision:0}}}}})\n")
                .append("];\n")
                .append("document.body.dataset.chartsRendered = charts.filter(c => c.canvas && c.canvas.width > 0).length;\n")
                .append(INTERACTION)
                .append("</script>\n</body></html>\n");
        return h.toString();
    }

    /** Long tables sort on a click on their header and filter as you type; commands copy with a click. */
    static final String INTERACTION = """
            document.querySelectorAll('table.sortable').forEach(t => {
              const f = document.createElement('input'); f.className = 'filter'; f.placeholder = 'filter these rows';
              t.parentNode.insertBefore(f, t);
              const rows = () => Array.from(t.querySelectorAll('tr')).slice(1);
              f.addEventListener('input', () => rows().forEach(r =>
                r.style.display = r.textContent.toLowerCase().includes(f.value.toLowerCase()) ? '' : 'none'));
              t.querySelectorAll('th').forEach((th, i) => th.addEventListener('click', () => {
                const asc = th.dataset.dir !== 'asc'; th.dataset.dir = asc ? 'asc' : 'desc';
                const key = r => r.children[i] ? r.children[i].textContent : '';
                const sorted = rows().sort((a, b) => {
                  const x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
                  const c = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, undefined, {numeric: true});
                  return asc ? c : -c; });
                sorted.forEach(r => t.appendChild(r));
              }));
              t.dataset.sortable = 'ready';
            });
            document.querySelectorAll('button.copy').forEach(b => b.addEventListener('click', () => {
              const cmd = b.previousElementSibling.textContent;
              if (navigator.clipboard) { navigator.clipboard.writeText(cmd); }
              b.textContent = 'copied';
            }));
            """;

    /**
     * The charts' numbers, counted with Tablesaw (only the report loads it, never a one-liner without --html):
     * sessions per client, NULL against authenticated, the top clients by sessions and the rest as one "others" bar.
     */
    private static Map<String, Object> chartData(List<HostDiagnosis> hosts, Map<String, String> names) {
        tech.tablesaw.api.StringColumn client = tech.tablesaw.api.StringColumn.create("client");
        tech.tablesaw.api.StringColumn kind = tech.tablesaw.api.StringColumn.create("kind");
        List<String> hostLabels = new ArrayList<>();
        List<Long> hostSessions = new ArrayList<>();
        List<Long> hostLimits = new ArrayList<>();
        for (HostDiagnosis d : hosts) {
            if (!d.reached() || d.snapshot().sessions() == null) {
                continue;
            }
            Snapshot s = d.snapshot();
            for (Session x : s.sessions()) {
                client.append((hosts.size() > 1 ? d.host() + " / " : "") + x.client()
                        + (x.client() != null && names.containsKey(x.client()) ? " (" + names.get(x.client()) + ")" : ""));
                kind.append(smbkit.kb.SessionKinds.isAnonymous(x) ? "anonymous" : "users");
            }
            SessionCount count = SessionCount.of(s.sessions(), SessionLimit.of(s.server()));
            hostLabels.add(d.host());
            hostSessions.add((long) count.total());
            hostLimits.add(count.limit().limit() == null ? null : (long) count.limit().limit());
        }
        // per client: NULL/guest and authenticated sessions summed, then ranked by total, the top ones named
        tech.tablesaw.api.Table sessions = tech.tablesaw.api.Table.create("sessions", client,
                tech.tablesaw.api.IntColumn.create("anonymous", kind.asList().stream().mapToInt(k -> k.equals("anonymous") ? 1 : 0).toArray()),
                tech.tablesaw.api.IntColumn.create("users", kind.asList().stream().mapToInt(k -> k.equals("users") ? 1 : 0).toArray()));
        tech.tablesaw.api.Table perClient = sessions.summarize("anonymous", "users", tech.tablesaw.aggregate.AggregateFunctions.sum).by("client");
        perClient.column(1).setName("anonymous");
        perClient.column(2).setName("users");
        perClient.addColumns(perClient.numberColumn("anonymous").add(perClient.numberColumn("users")).setName("total"));
        perClient = perClient.sortOn((a, b) -> {
            int c = Double.compare(b.getDouble("total"), a.getDouble("total"));
            return c != 0 ? c : Order.NAMES.compare(a.getString("client"), b.getString("client"));
        });
        tech.tablesaw.api.Table top = perClient.first(TOP_CLIENTS);
        tech.tablesaw.api.Table rest = perClient.dropRange(Math.min(TOP_CLIENTS, perClient.rowCount()));
        List<String> labels = top.stringColumn("client").asList();
        List<Long> anonymous = top.numberColumn("anonymous").asDoubleColumn().asList().stream().map(Double::longValue).toList();
        List<Long> users = top.numberColumn("users").asDoubleColumn().asList().stream().map(Double::longValue).toList();
        long otherAnon = (long) rest.numberColumn("anonymous").sum();
        long otherUsers = (long) rest.numberColumn("users").sum();
        // the rest are said in the title, not drawn: one bar of hundreds of sessions would flatten the top ones
        String others = rest.rowCount() > 0 ? "the other " + rest.rowCount() + " clients hold "
                + (otherAnon + otherUsers) + " (" + otherAnon + " NULL/guest)" : "";
        Map<String, Object> clients = new LinkedHashMap<>();
        clients.put("labels", labels);
        clients.put("anonymous", anonymous);
        clients.put("users", users);
        clients.put("top", top.rowCount());
        clients.put("others", others);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("anonymous", anonymous.stream().mapToLong(Long::longValue).sum() + otherAnon);
        totals.put("users", users.stream().mapToLong(Long::longValue).sum() + otherUsers);
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
        return table(t, false);
    }

    static String table(TableData t, boolean sortable) {
        StringBuilder h = new StringBuilder(sortable ? "<table class=\"sortable\"><tr>" : "<table><tr>");
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

    /** Names listed one by one in a title or line; a longer list is cut to these and a count (commands keep them all). */
    static final int LISTED = 8;
    /** Evidence lines shown under a finding; the rest are one line (the host's tables have them all). */
    static final int EVIDENCE = 8;
    private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile("[^\\s,:;()]+(?:, [^\\s,:;()]+){" + LISTED + ",}");

    /** The text with every list of more than {@link #LISTED} names ("a, b, c, ...") cut to the first few and "and N more". */
    public static String brief(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = LIST.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] names = m.group().split(", ");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(names.length <= LISTED ? m.group()
                    : String.join(", ", java.util.Arrays.asList(names).subList(0, LISTED)) + " and " + (names.length - LISTED) + " more"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Evidence lines as list items, the first {@link #EVIDENCE} and then how many more. */
    static String evidence(List<String> lines) {
        StringBuilder h = new StringBuilder();
        lines.stream().limit(EVIDENCE).forEach(e -> h.append("<li class=\"evidence\">").append(esc(brief(e))).append("</li>"));
        if (lines.size() > EVIDENCE) {
            h.append("<li class=\"evidence more\">and ").append(lines.size() - EVIDENCE).append(" more like these (the tables below have them all)</li>");
        }
        return h.toString();
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
