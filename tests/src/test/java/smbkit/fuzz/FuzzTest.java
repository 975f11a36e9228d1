package smbkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The fuzz harness's short run in the suite (a few seconds); the long run is the same with
 * {@code -Dsmbkit.fuzz.inputs=1000000} (inputs per decoder) and {@code -Dsmbkit.fuzz.seed=N}.
 */
class FuzzTest {

    @Test
    void mutatedRepliesReachNoConsumerAsAnythingButAMalformedReply() {
        long perDecoder = Long.getLong("smbkit.fuzz.inputs", 80);
        long seed = Long.getLong("smbkit.fuzz.seed", 328459);
        boolean longRun = perDecoder > 10_000;
        Fuzzer f = new Fuzzer(seed);
        long t0 = System.nanoTime();
        f.run(perDecoder, Integer.getInteger("smbkit.fuzz.fragmentedEvery", longRun ? 16 : 4), Integer.getInteger("smbkit.fuzz.tablesEvery", longRun ? 256 : 16), Integer.getInteger("smbkit.fuzz.acceptedEvery", longRun ? 32 : 1),
                Integer.getInteger("smbkit.fuzz.rejectedEvery", longRun ? 512 : 1));
        String report = f.report(System.nanoTime() - t0);
        System.out.print(report);
        assertTrue(f.findings.isEmpty(), report);
    }
}
