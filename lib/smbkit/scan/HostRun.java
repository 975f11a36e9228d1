package smbkit.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * A run over several hosts, one after the other, as every multi-host step makes it (smb-printer-shares,
 * smb-close-sessions, smb-restrict-anonymous, the runbook's change calls): each host gives an outcome, a
 * host that fails is that host's outcome and the run goes on, and the outcomes give one exit code.
 */
public final class HostRun {

    private HostRun() {}

    /** What became of one host: a value, a failure, or both (a host partly done). */
    public record Outcome<T>(String host, T value, SmbkitException failure) {

        public static <T> Outcome<T> ok(String host, T value) {
            return new Outcome<>(host, value, null);
        }

        public boolean failed() {
            return failure != null;
        }
    }

    /** Each host in order; {@code done} hears of each outcome as it comes (a progress bar, a journal). */
    public static <T> List<Outcome<T>> each(List<String> hosts, Function<String, Outcome<T>> work, Consumer<Outcome<T>> done) {
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (String host : hosts) {
            Outcome<T> o;
            try {
                o = work.apply(host);
            } catch (SmbkitException e) {
                o = new Outcome<>(host, null, e);
            }
            outcomes.add(o);
            if (done != null) {
                done.accept(o);
            }
        }
        return outcomes;
    }

    /**
     * 0 when no host failed; when every host failed, the first one's code (their common failure's when they
     * failed alike); when some failed and others did not, 3 (PARTIAL).
     */
    public static int exitCode(List<? extends Outcome<?>> outcomes) {
        List<? extends Outcome<?>> failed = outcomes.stream().filter(Outcome::failed).toList();
        if (failed.isEmpty()) {
            return 0;
        }
        return failed.size() >= outcomes.size() ? failed.get(0).failure().failure().exitCode() : Failure.PARTIAL.exitCode();
    }
}
