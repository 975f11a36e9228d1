package smbkit.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.Sample;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionLimit;
import smbkit.model.Snapshot;

/** smb-diagnose's text and tables: findings with their evidence and commands, then what they rest on. */
public final class DiagnosisView {

    private DiagnosisView() {}

    /**
     * Every finding of every host, hosts in the order of {@link #ranking} (an unreachable host has its one
     * finding, with its failure and exit code); {@code kind}, {@code part} and {@code failure} are data.
     */
    public static TableData findings(List<HostDiagnosis> hosts) {
        TableData t = new TableData("Findings")
                .column("host", "Host", String.class)
                .column("host_status", null, String.class)
                .column("severity", "Severity", String.class)
                .column("area", "KB", String.class)
                .column("kind", null, String.class)
                .column("finding", "Finding", String.class)
                .column("command", "smbkit command", String.class)
                .column("part", null, String.class)
                .column("failure", null, String.class)
                .column("exit_code", null, Long.class)
                .column("dialect", null, String.class)
                .column("evidence", null, List.class)
                .column("headline", null, String.class)
                .column("facts", null, Map.class)
                .column("evidence_facts", null, List.class);
        List<HostDiagnosis> sorted = new ArrayList<>(hosts);
        sorted.sort(HostDiagnosis.BY_LOAD);
        for (HostDiagnosis h : sorted) {
            for (Finding f : h.findings()) {
                t.row(h.host(), statusCode(h), f.severity().label(), f.area().label(), f.kind().label(), FindingText.title(f), f.command(),
                        f.part(), f.failure() == null ? null : f.failure().name().toLowerCase(java.util.Locale.ROOT),
                        f.failure() == null ? null : (long) f.failure().exitCode(),
                        h.snapshot() == null ? null : h.snapshot().dialect(), FindingText.evidence(f),
                        f.headline().label(), FindingText.facts(f), FindingText.evidenceFacts(f));
            }
        }
        return t;
    }

    /** A host's state as data: at_limit (refused for being full), action_needed, incomplete, healthy, unreachable. */
    public static String statusCode(HostDiagnosis h) {
        return h.atLimitRefused() ? "at_limit" : !h.reached() ? "unreachable" : h.actionNeeded() ? "action_needed"
                : h.incomplete() ? "incomplete" : "healthy";
    }

    /** The findings of one host as lines: severity, text, evidence indented, command last. */
    public static List<String> text(HostDiagnosis h) {
        List<String> lines = new ArrayList<>();
        Snapshot s = h.snapshot();
        String platform = s.server() == null ? "" : " (" + s.server().name() + ", " + FindingText.platform(s.server()) + ")";
        lines.add("Diagnosis of " + h.host() + platform + (s.dialect() == null ? "" : " over " + s.dialect()) + " at "
                + s.collectedAt() + ":");
        for (Finding f : h.findings()) {
            lines.add("  [" + f.severity().label().toUpperCase(java.util.Locale.ROOT) + "] " + f.area().label() + ": " + FindingText.title(f));
            FindingText.evidence(f).forEach(e -> lines.add("      " + e));
            if (f.command() != null) {
                lines.add("      -> " + f.command());
            }
        }
        return lines;
    }

    /**
     * A scan's ranking: hosts refused for being full first (the KB's symptom), then by how close they are to
     * their limit; hosts whose sessions could not be read after those (never "healthy"), unreachable ones last.
     */
    public static TableData ranking(List<HostDiagnosis> hosts) {
        TableData t = new TableData("Hosts by load")
                .column("host", "Host", String.class)
                .column("status", "Status", String.class)
                .column("sessions", "Sessions", Long.class)
                .column("limit", "Limit", Long.class)
                .column(Column.of("load", "Load", Double.class, v -> Math.round(((Number) v).doubleValue() * 100) + "%"))
                .column("null_sessions", "NULL", Long.class)
                .column("actions", "Actions", Long.class)
                .column("top_finding", "Top finding", String.class);
        List<HostDiagnosis> sorted = new ArrayList<>(hosts);
        sorted.sort(HostDiagnosis.BY_LOAD);
        for (HostDiagnosis h : sorted) {
            if (h.atLimitRefused()) {
                t.row(h.host(), "at its limit: refused smbkit (error 71)", null, null, null, null, 1L, FindingText.title(h.findings().get(0)));
                continue;
            }
            if (!h.reached()) {
                t.row(h.host(), "unreachable: " + h.failure(), null, null, null, null, null, null);
                continue;
            }
            Snapshot s = h.snapshot();
            SessionCount count = s.sessions() == null ? null : SessionCount.of(s.sessions(), SessionLimit.of(s.server()));
            Finding top = h.findings().stream().min(Comparator.comparing(Finding::severity)).orElse(null);
            t.row(h.host(), h.actionNeeded() ? "action needed" : h.incomplete() ? "incomplete: sessions not read" : "healthy",
                    count == null ? null : (long) count.total(),
                    count == null || count.limit().limit() == null ? null : (long) count.limit().limit(),
                    count == null || count.limit().limit() == null ? null : h.load(),
                    count == null ? null : (long) count.anonymous(),
                    h.findings().stream().filter(f -> f.severity() == Finding.Severity.ACTION).count(),
                    top == null ? null : FindingText.title(top));
        }
        return t;
    }

    public static List<NullClient> nullClients(Snapshot s) {
        return s.sessions() == null ? List.of()
                : NullSessionAnalysis.analyse(List.of(new Sample(s.collectedAt(), s.sessions())),
                        s.files() == null ? List.of() : s.files(), NullSessionAnalysis.serverListsPipes(s.samba(), s.files()));
    }
}
