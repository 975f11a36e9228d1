package smbkit.kb;

import java.util.Comparator;
import java.util.List;

import smbkit.Failure;
import smbkit.model.Commands;
import smbkit.model.Snapshot;

/**
 * One host of a diagnosis run: what was collected and found, or why it could not be reached (then its one
 * finding says so, with the failure's kind, so that a scan's JSON lists every host).
 *
 * @param failure one line on why the host could not be diagnosed; null when it was
 * @param failureKind the failure's kind; null when the host was diagnosed
 */
public record HostDiagnosis(String host, Snapshot snapshot, List<Finding> findings, String failure, Failure failureKind) {

    public static HostDiagnosis of(Snapshot snapshot) {
        List<Finding> findings = new java.util.ArrayList<>(Diagnosis.of(snapshot));
        Finding smb1 = Diagnosis.dialect(snapshot.host(), snapshot.dialect(), snapshot.server());
        if (smb1 != null) {
            findings.add(smb1);
        }
        return new HostDiagnosis(snapshot.host(), snapshot, List.copyOf(findings), null, null);
    }

    public static HostDiagnosis unreachable(String host, String failure, Failure kind) {
        Finding f = kind == Failure.SERVER_FULL
                ? new Finding(Finding.Severity.ACTION, Finding.Area.SYMPTOM, Finding.Headline.HOST_AT_LIMIT,
                        Finding.facts(Finding.Fact.HOST, host),
                        List.of(Finding.Evidence.of(Finding.Line.FAILURE, Finding.Fact.MESSAGE, failure),
                                Finding.Evidence.of(Finding.Line.RETRY_LOCALLY)),
                        Commands.LOCAL_DIAGNOSIS, "host", kind)
                : new Finding(Finding.Severity.WARNING, Finding.Area.NOTE, Finding.Headline.HOST_UNREACHABLE,
                        Finding.facts(Finding.Fact.HOST, host),
                        List.of(Finding.Evidence.of(Finding.Line.FAILURE, Finding.Fact.MESSAGE, failure)), null, "host", kind);
        return new HostDiagnosis(host, null, List.of(f), failure, kind);
    }

    public boolean reached() {
        return failure == null;
    }

    /** The exit code of the failure that stopped this host; 0 when it was diagnosed. */
    public int failureCode() {
        return failureKind == null ? 0 : failureKind.exitCode();
    }

    /** Reached, but without a session listing: neither healthy nor at its limit as far as anyone can tell. */
    public boolean incomplete() {
        return reached() && snapshot.sessions() == null;
    }

    /** Refused for being full: the KB's symptom, the most urgent host of a scan. */
    public boolean atLimitRefused() {
        return failureKind == Failure.SERVER_FULL;
    }

    /** Findings on what was read call for action (an unreachable host has its failure's exit code instead). */
    public boolean actionNeeded() {
        return reached() && Diagnosis.actionNeeded(findings);
    }

    /** Sessions in use against the limit, for ranking: 0 when unknown. */
    public double load() {
        if (snapshot == null || snapshot.sessions() == null) {
            return 0;
        }
        SessionLimit limit = SessionLimit.of(snapshot.server());
        return limit.limit() == null ? 0 : (double) snapshot.sessions().size() / limit.limit();
    }

    /**
     * The order of "hosts by load": hosts refused for being full first (the KB's symptom), then the hosts read,
     * fullest first, then those whose sessions could not be read, then the unreachable; by name within each.
     */
    public static final Comparator<HostDiagnosis> BY_LOAD = Comparator.comparingInt(HostDiagnosis::rankGroup)
            .thenComparing(HostDiagnosis::load, Comparator.reverseOrder()).thenComparing(HostDiagnosis::host);

    private int rankGroup() {
        return atLimitRefused() ? 0 : !reached() ? 3 : incomplete() ? 2 : 1;
    }

    /**
     * The run's exit code, one scheme for one host and many: 1 when findings on a host read call for action;
     * when every host failed, their common failure's code, or the first host's (in the order given) when they
     * differ; 3 when some failed and others were diagnosed; 5 when a host's sessions could not be read; else 0.
     */
    public static int exitCode(List<HostDiagnosis> results) {
        if (results.stream().anyMatch(HostDiagnosis::actionNeeded)) {
            return Failure.ACTION_NEEDED.exitCode();
        }
        List<HostDiagnosis> failed = results.stream().filter(r -> !r.reached()).toList();
        if (!failed.isEmpty()) {
            return failed.size() == results.size() ? failed.get(0).failureCode() : Failure.PARTIAL.exitCode();
        }
        return results.stream().anyMatch(HostDiagnosis::incomplete) ? Failure.INCOMPLETE.exitCode() : 0;
    }
}
