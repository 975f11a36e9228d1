package smbkit.capture.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.capture.CaptureReport;
import smbkit.capture.Findings;
import smbkit.capture.dcerpc.SpoolssHandle;
import smbkit.capture.smb.SmbSession;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import smbkit.kb.Finding;
import smbkit.render.Column;
import smbkit.render.FindingText;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.render.TableData;
import smbkit.render.Words;

/**
 * smb-capture's output through smbkit's renderer: a table of sessions (one row each, per client) and one of
 * spoolss handles, then the findings and notes; CSV is the sessions table; JSON one object with the files,
 * sessions (with their trees, pipes, interfaces, calls and handles), findings and notes.
 */
public final class CaptureView {

    private CaptureView() {}

    static String time(Long nanos) {
        return nanos == null ? null : Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L).toString();
    }

    static String list(java.util.Collection<String> items) {
        return items.isEmpty() ? null : String.join(", ", items);
    }

    /** The table view's sessions: at most {@link #TABLE_PER_CLIENT} per client and {@link #TABLE_ROWS} in all. */
    public static final int TABLE_PER_CLIENT = 20;
    public static final int TABLE_ROWS = 1000;

    /** The sessions table of some of the report's sessions (one client's, say). */
    public static TableData sessions(CaptureReport r, Iterable<SmbSession> list) {
        TableData t = sessionsTable();
        for (SmbSession s : list) {
            t.row(row(r, s));
        }
        return t;
    }

    static TableData sessionsTable() {
        return new TableData("SMB sessions")
                .column("client", "Client", String.class)
                .column("client_port", null, Long.class)
                .column("server", "Server", String.class)
                .column("session_id", "Session", String.class)
                .column("dialect", "Dialect", String.class)
                .column("start", "Start", String.class)
                .column(Column.of("duration_s", "Duration", Long.class, Renderer::duration))
                .column("end_reason", "Ended by", String.class)
                .column("context", "As", String.class)
                .column("workstation", "Workstation", String.class)
                .column("logon", null, String.class)
                .column("encrypted", "Encrypted", Boolean.class)
                .column("trees", "Trees", String.class)
                .column("pipes", "Pipes", String.class)
                .column("interfaces", "RPC", String.class)
                .column("spoolss_handles", "spoolss handles", String.class);
    }

    static Object[] row(CaptureReport r, SmbSession s) {
        return new Object[] {s.client, (long) s.clientPort, s.server, "0x" + Long.toHexString(s.sessionId), s.dialect,
                time(s.startNanos), s.durationSeconds(r.endNanos()), s.endText(), s.context(), emptyToNull(s.workstation),
                s.logon, s.encrypted ? Boolean.TRUE : null, list(Findings.shortTrees(s)), list(s.pipes), rpc(s), handles(s)};
    }

    /** Every session as CSV, one row at a time (the sessions are read back from the spill file as they go). */
    static void csv(CaptureReport r, PrintWriter out) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader(sessionsTable().columns().stream().map(Column::key).toArray(String[]::new)).get();
        try {
            CSVPrinter p = new CSVPrinter(out, format);
            for (SmbSession s : r.sessions) {
                p.printRecord(row(r, s));
            }
            p.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write CSV", e);
        }
        out.flush();
    }

    /** The interfaces bound, then the ones the server rejected, marked so. */
    static String rpc(SmbSession s) {
        List<String> all = new ArrayList<>(s.interfaces);
        s.rejectedInterfaces.forEach(i -> all.add(i + " (rejected)"));
        return list(all);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String handles(SmbSession s) {
        if (s.handles.isEmpty()) {
            return null;
        }
        long held = s.heldHandles().size();
        return s.handles.size() + " opened, " + held + " never closed";
    }

    public static TableData handles(Iterable<SmbSession> list) {
        TableData t = handlesTable();
        for (SmbSession s : list) {
            handleRows(t, s);
        }
        return t;
    }

    static TableData handlesTable() {
        return new TableData("spoolss handles")
                .column("client", "Client", String.class)
                .column("session_id", "Session", String.class)
                .column("opened_by", "Opened by", String.class)
                .column("printer", "Printer", String.class)
                .column("client_machine", "Client machine", String.class)
                .column("client_user", "Client user", String.class)
                .column("opened", "Opened", String.class)
                .column("closed", "Closed", String.class)
                .column("closed_by", "Closed by", String.class)
                .column("notifications", "Notifications", Boolean.class);
    }

    static void handleRows(TableData t, SmbSession s) {
        for (SpoolssHandle h : s.handles) {
            t.row(s.client, "0x" + Long.toHexString(s.sessionId), h.openedBy, h.printer, h.clientMachine,
                    h.clientUser, time(h.openedNanos), time(h.closedNanos), h.closedBy == null ? "never (held)" : h.closedBy,
                    h.notifications ? Boolean.TRUE : null);
        }
    }

    /** The report as one JSON object, in memory: a small capture's (tests); {@link #print} streams it. */
    public static Map<String, Object> json(CaptureReport r) {
        Map<String, Object> m = head(r);
        List<Map<String, Object>> sessions = new ArrayList<>();
        for (SmbSession s : r.sessions) {
            sessions.add(session(r, s));
        }
        m.put("sessions", sessions);
        m.putAll(tail(r));
        return m;
    }

    static Map<String, Object> head(CaptureReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> files = new ArrayList<>();
        for (CaptureReport.FileSummary f : r.files) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("path", f.path);
            fm.put("format", f.format);
            fm.put("frames", f.frames);
            fm.put("damage", f.damage);
            files.add(fm);
        }
        m.put("files", files);
        m.put("first_frame", time(r.firstNanos));
        m.put("last_frame", time(r.lastNanos));
        m.put("connections", r.connections);
        m.put("connections_evicted", r.connectionsEvicted);
        m.put("ip_fragments", r.ipFragments);
        m.put("ip_datagrams_reassembled", r.ipDatagramsReassembled);
        m.put("ip_fragments_lost", r.ipFragmentsLost);
        m.put("session_count", r.sessions.size());
        return m;
    }

    static Map<String, Object> session(CaptureReport r, SmbSession s) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("client", s.client);
        sm.put("client_port", s.clientPort);
        sm.put("server", s.server);
        sm.put("server_port", s.serverPort);
        sm.put("session_id", "0x" + Long.toHexString(s.sessionId));
        sm.put("protocol", s.protocol);
        sm.put("dialect", s.dialect);
        sm.put("start", time(s.startNanos));
        sm.put("end", time(s.endNanos));
        sm.put("end_reason", s.endText());
        sm.put("evicted", s.evicted);
        sm.put("duration_s", s.durationSeconds(r.endNanos()));
        sm.put("auth", s.auth);
        sm.put("user", s.user);
        sm.put("domain", s.domain);
        sm.put("workstation", s.workstation);
        sm.put("context", s.context());
        sm.put("logon", s.logon);
        sm.put("guest", s.guest);
        sm.put("encrypted", s.encrypted);
        sm.put("trees", new ArrayList<>(s.trees));
        sm.put("pipes", new ArrayList<>(s.pipes));
        sm.put("files", new ArrayList<>(s.files));
        sm.put("interfaces", new ArrayList<>(s.interfaces));
        sm.put("interfaces_rejected", new ArrayList<>(s.rejectedInterfaces));
        sm.put("interface_uuids", new ArrayList<>(s.interfaceUuids));
        sm.put("calls", new LinkedHashMap<>(s.calls));
        List<Map<String, Object>> hs = new ArrayList<>();
        for (SpoolssHandle h : s.handles) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("handle", h.handle);
            hm.put("opened_by", h.openedBy);
            hm.put("printer", h.printer);
            hm.put("client_machine", h.clientMachine);
            hm.put("client_user", h.clientUser);
            hm.put("opened", time(h.openedNanos));
            hm.put("closed", time(h.closedNanos));
            hm.put("closed_by", h.closedBy);
            hm.put("notifications", h.notifications);
            hs.add(hm);
        }
        sm.put("spoolss_handles", hs);
        sm.put("notes", new ArrayList<>(s.notes));
        return sm;
    }

    static Map<String, Object> finding(Finding f) {
        Map<String, Object> fm = new LinkedHashMap<>();
        fm.put("severity", f.severity().label());
        fm.put("area", f.area().label());
        fm.put("kind", f.kind() == null ? null : f.kind().label());
        fm.put("title", FindingText.title(f));
        fm.put("evidence", FindingText.evidence(f));
        fm.put("command", f.command());
        fm.put("headline", f.headline().label());
        fm.put("facts", FindingText.facts(f));
        fm.put("evidence_facts", FindingText.evidenceFacts(f));
        return fm;
    }

    static Map<String, Object> tail(CaptureReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : r.findings) {
            findings.add(finding(f));
        }
        m.put("findings", findings);
        m.put("notes", NoteText.all(r));
        m.put("note_codes", NoteText.codes(r));
        return m;
    }

    /** The JSON object written piece by piece: each session and finding made, written and forgotten. */
    static void json(CaptureReport r, PrintWriter out) {
        Map<String, Object> head = head(r);
        out.println("{");
        for (Map.Entry<String, Object> e : head.entrySet()) {
            out.print("  " + Renderer.json(e.getKey()) + " : ");
            out.print(indent(Renderer.json(e.getValue())));
            out.println(",");
        }
        out.print("  \"sessions\" : [");
        boolean first = true;
        for (SmbSession s : r.sessions) {
            out.print(first ? "\n    " : ",\n    ");
            out.print(indent2(Renderer.json(session(r, s))));
            first = false;
        }
        out.println(first ? "]," : "\n  ],");
        out.print("  \"findings\" : [");
        first = true;
        for (Finding f : r.findings) {
            out.print(first ? "\n    " : ",\n    ");
            out.print(indent2(Renderer.json(finding(f))));
            first = false;
        }
        out.println(first ? "]," : "\n  ],");
        out.println("  \"notes\" : " + indent(Renderer.json(NoteText.all(r))) + ",");
        out.println("  \"note_codes\" : " + indent(Renderer.json(NoteText.codes(r))));
        out.println("}");
        out.flush();
    }

    private static String indent(String json) {
        return json.replace("\n", "\n  ");
    }

    private static String indent2(String json) {
        return json.replace("\n", "\n    ");
    }

    public static void print(CaptureReport r, Format format, PrintWriter out) {
        switch (format) {
            case json -> json(r, out);
            case csv -> csv(r, out);
            case table -> {
                TableData t = sessionsTable();
                TableData h = handlesTable();
                Map<String, Integer> shown = new HashMap<>();
                long hidden = 0;
                for (SmbSession s : r.sessions) {
                    int n = shown.merge(s.client, 1, Integer::sum);
                    if (n > TABLE_PER_CLIENT || t.rows().size() >= TABLE_ROWS) {
                        hidden++;
                        continue;
                    }
                    t.row(row(r, s));
                    handleRows(h, s);
                }
                Renderer.print(t, format, out);
                if (hidden > 0) {
                    out.println(Words.count(hidden, "more session") + " not shown (at most " + TABLE_PER_CLIENT
                            + " per client and " + TABLE_ROWS + " in all here): --format csv or json lists every one, the"
                            + " findings below count them all");
                }
                if (!h.rows().isEmpty()) {
                    Renderer.print(h, format, out);
                }
                boolean any = false;
                for (Finding f : r.findings) {
                    any = true;
                    out.println(f.severity().label() + ": " + FindingText.title(f));
                    for (String e : FindingText.evidence(f)) {
                        out.println("  " + e);
                    }
                    if (f.command() != null) {
                        out.println("  -> " + f.command());
                    }
                }
                if (!any) {
                    out.println(r.sessions.isEmpty() ? "No SMB session in the capture (ports 139 and 445)."
                            : "No finding: no NULL session held, no client under several security contexts.");
                }
                for (String n : NoteText.all(r)) {
                    out.println("note: " + n);
                }
                out.flush();
            }
        }
    }
}
