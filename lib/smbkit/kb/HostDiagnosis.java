package smbkit.kb;

import java.util.List;

import smbkit.model.Snapshot;

/**
 * One host of a diagnosis run: what was collected and found, or why it could not be reached.
 *
 * @param failure one line on why the host could not be diagnosed; null when it was
 */
public record HostDiagnosis(String host, Snapshot snapshot, List<Finding> findings, String failure, int failureCode) {

    public static HostDiagnosis of(Snapshot snapshot) {
        return new HostDiagnosis(snapshot.host(), snapshot, Diagnosis.of(input(snapshot)), null, 0);
    }

    public static HostDiagnosis unreachable(String host, String failure, int code) {
        return new HostDiagnosis(host, null, List.of(), failure, code);
    }

    public static Diagnosis.Input input(Snapshot s) {
        return new Diagnosis.Input(s.host(), s.collectedAt(), s.server(), s.sessions(), s.files(), s.shares(),
                s.anonymousSettings() == null ? null : optionalValues(s), s.samba(), s.refused());
    }

    private static java.util.Map<String, java.util.Optional<smbkit.model.RegistryValue>> optionalValues(Snapshot s) {
        java.util.Map<String, java.util.Optional<smbkit.model.RegistryValue>> m = new java.util.LinkedHashMap<>();
        s.anonymousSettings().forEach((k, v) -> m.put(k, java.util.Optional.ofNullable(v)));
        return m;
    }

    public boolean reached() {
        return failure == null;
    }

    public boolean actionNeeded() {
        return Diagnosis.actionNeeded(findings);
    }

    /** Sessions in use against the limit, for ranking: 0 when unknown. */
    public double load() {
        if (snapshot == null || snapshot.sessions() == null) {
            return 0;
        }
        SessionLimit limit = SessionLimit.of(snapshot.server());
        return limit.limit() == null ? 0 : (double) snapshot.sessions().size() / limit.limit();
    }
}
