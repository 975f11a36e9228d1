package smbkit.access;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.kb.HostDiagnosis;
import smbkit.model.Snapshot;

/**
 * Diagnoses many hosts at once, at most {@code parallel} at a time, each within its own deadline; a host that
 * is down, refuses or runs out of time is recorded as such and the scan goes on.
 */
public final class HostScan {

    private HostScan() {}

    /** Told once per finished host (for a progress bar). */
    public interface Progress {
        void done(String host);
    }

    public static List<HostDiagnosis> run(List<String> hosts, Function<String, ServerAccess> open, int parallel,
            Duration perHost, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
            Thread t = new Thread(r, "smbkit-scan");
            t.setDaemon(true); // a host stuck past its deadline must not keep the JVM alive
            return t;
        });
        try {
            List<Future<Snapshot>> futures = new ArrayList<>();
            for (String host : hosts) {
                futures.add(pool.submit(() -> {
                    try (ServerAccess server = open.apply(host)) {
                        return SnapshotCollector.collect(server);
                    } finally {
                        progress.done(host);
                    }
                }));
            }
            long deadline = System.nanoTime() + perHost.toNanos() * ((hosts.size() + parallel - 1) / Math.max(1, parallel));
            List<HostDiagnosis> out = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                out.add(result(hosts.get(i), futures.get(i), Math.max(perHost.toNanos(), deadline - System.nanoTime())));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HostDiagnosis result(String host, Future<Snapshot> f, long waitNanos) {
        try {
            return HostDiagnosis.of(f.get(waitNanos, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            f.cancel(true);
            return HostDiagnosis.unreachable(host, "no answer within the per-host time limit", Failure.TIMEOUT);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SmbkitException s) {
                return HostDiagnosis.unreachable(host, s.oneLine(), s.failure());
            }
            if (cause instanceof smbkit.rpc.ndr.MalformedReplyException m) {
                return HostDiagnosis.unreachable(host, "malformed reply: " + m.getMessage()
                        + ". Run again, and report it with --debug", Failure.MALFORMED_REPLY);
            }
            return HostDiagnosis.unreachable(host, "failed: " + cause, Failure.INTERNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostDiagnosis.unreachable(host, "interrupted", Failure.INTERNAL);
        }
    }
}
