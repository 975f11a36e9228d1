package smbkit.scan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.kb.Sample;

/**
 * The session listing taken N times (or until interrupted), {@code interval} apart, as the KB tells temporary
 * NULL sessions from permanent ones. A server that stops answering after the first sample ends the sampling,
 * and the samples taken are kept.
 */
public final class Sampler {

    private Sampler() {}

    /** The samples taken, and what stopped them early (null when all were taken). */
    public record Samples(List<Sample> taken, SmbkitException stopped) {

        /**
         * The exit code of a sampling cut short: the same listing that answered before failing now is the server
         * or the network going away (reset, refused on reconnecting, timed out, or the pipe found closed, which
         * jcifs-ng reports without a cause): a network error (22). A refusal keeps its own code.
         */
        public Failure stoppedKind() {
            return switch (stopped.failure()) {
                case CONNECTION_REFUSED, TIMEOUT, UNKNOWN_HOST, NETWORK, INTERNAL -> Failure.NETWORK;
                default -> stopped.failure();
            };
        }

        public Sample last() {
            return taken.get(taken.size() - 1);
        }
    }

    /** Before each wait: the number of the sample to come (1 for the second) and the wait. */
    public interface Listener {
        void waiting(int next, Duration interval);

        void taken(Sample s);
    }

    /** {@code wanted} samples (forever when {@code forever}); the first failure is thrown, a later one kept. */
    public static Samples take(ServerAccess server, int wanted, boolean forever, Duration interval, Listener listener)
            throws InterruptedException {
        List<Sample> taken = new ArrayList<>();
        for (int i = 0; forever || i < Math.max(1, wanted); i++) {
            if (i > 0) {
                listener.waiting(i, interval);
                Thread.sleep(interval.toMillis());
            }
            Sample s;
            try {
                var listed = server.sessions(null, null).sessions();
                s = new Sample(Instant.now(), listed); // the time of the answer, not of the call: a slow first call must not skew it
            } catch (SmbkitException e) {
                if (taken.isEmpty()) {
                    throw e;
                }
                return new Samples(taken, e);
            }
            taken.add(s);
            listener.taken(s);
        }
        return new Samples(taken, null);
    }

    /** A listener from two lambdas. */
    public static Listener listener(Consumer<Duration> waiting, Consumer<Sample> taken) {
        return new Listener() {
            public void waiting(int next, Duration interval) {
                waiting.accept(interval);
            }

            public void taken(Sample s) {
                taken.accept(s);
            }
        };
    }
}
