package smbkit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import smbkit.Failure;

/** A scan's progress hears of every host exactly once, a host out of time included, and as failed. */
class HostScanTest {

    @Test
    void everyHostIsToldOnceEvenPastItsDeadline() {
        Map<String, Boolean> told = new ConcurrentHashMap<>();
        Map<String, Integer> times = new ConcurrentHashMap<>();
        List<HostScan.Outcome<String>> out = HostScan.each(List.of("fast", "stuck", "queued"), host -> {
            if (host.equals("stuck")) {
                long end = System.nanoTime() + 1_500_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // deaf to the interrupt, as a blocked socket read can be
                }
            }
            return host;
        }, 1, Duration.ofMillis(200), (host, failed) -> {
            told.put(host, failed);
            times.merge(host, 1, Integer::sum);
        });
        assertEquals(Failure.TIMEOUT, out.get(1).failure());
        assertEquals(Map.of("fast", false, "stuck", true, "queued", true), Map.copyOf(told),
                "the stuck host and the one queued behind it ran out of time");
        assertEquals(Map.of("fast", 1, "stuck", 1, "queued", 1), Map.copyOf(times));
    }
}
