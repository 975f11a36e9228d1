package smbkit.scan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.kb.HostDiagnosis;

/**
 * Works on many hosts at once, at most {@code parallel} at a time, each within its own deadline; a host that
 * is down, refuses or runs out of time is recorded as such and the scan goes on. {@link #run} diagnoses each.
 */
public final class HostScan {

    private HostScan() {}

    /** Told once per finished host, and whether it failed (for a progress bar that counts failures). */
    public interface Progress {
        void done(String host, boolean failed);
    }

    /** One host's result: its value, or why there is none (a line to show and the failure's kind). */
    public record Outcome<T>(String host, T value, String error, Failure failure) {}

    /** Snapshots and diagnoses each host, in the order given. */
    public static List<HostDiagnosis> run(List<String> hosts, Function<String, ServerAccess> open, int parallel,
            Duration perHost, Progress progress) {
        return each(hosts, host -> {
            try (ServerAccess server = open.apply(host)) {
                return SnapshotCollector.collect(server);
            }
        }, parallel, perHost, progress).stream()
                .map(o -> o.value() != null ? HostDiagnosis.of(o.value())
                        : HostDiagnosis.unreachable(o.host(), o.error(), o.failure()))
                .toList();
    }

    /** Runs {@code job} on each host on a pool of {@code parallel} threads; outcomes in the order given. */
    public static <T> List<Outcome<T>> each(List<String> hosts, Function<String, T> job, int parallel,
            Duration perHost, Progress progress) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
            Thread t = new Thread(r, "smbkit-scan");
            t.setDaemon(true); // a host stuck past its deadline must not keep the JVM alive
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            // each host is told once: by its job when it ends, or here when its deadline passes first (a job
            // cancelled before it began never runs its own finally)
            List<AtomicBoolean> told = new ArrayList<>();
            for (String host : hosts) {
                AtomicBoolean once = new AtomicBoolean();
                told.add(once);
                futures.add(pool.submit(() -> {
                    boolean failed = true;
                    try {
                        T value = job.apply(host);
                        failed = false;
                        return value;
                    } finally {
                        if (once.compareAndSet(false, true)) {
                            progress.done(host, failed);
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + perHost.toNanos() * ((hosts.size() + parallel - 1) / Math.max(1, parallel));
            List<Outcome<T>> out = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                Outcome<T> o = result(hosts.get(i), futures.get(i), Math.max(perHost.toNanos(), deadline - System.nanoTime()));
                if (told.get(i).compareAndSet(false, true)) {
                    progress.done(hosts.get(i), o.failure() != null); // out of time: done, and failed
                }
                out.add(o);
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Outcome<T> result(String host, Future<T> f, long waitNanos) {
        try {
            return new Outcome<>(host, f.get(waitNanos, TimeUnit.NANOSECONDS), null, null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome<>(host, null, "no answer within the per-host time limit", Failure.TIMEOUT);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SmbkitException s) {
                return new Outcome<>(host, null, s.oneLine(), s.failure());
            }
            if (cause instanceof smbkit.rpc.ndr.MalformedReplyException m) {
                return new Outcome<>(host, null, "malformed reply: " + m.getMessage()
                        + ". Run again, and report it with --debug", Failure.MALFORMED_REPLY);
            }
            return new Outcome<>(host, null, "failed: " + cause, Failure.INTERNAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome<>(host, null, "interrupted", Failure.INTERNAL);
        }
    }
}
