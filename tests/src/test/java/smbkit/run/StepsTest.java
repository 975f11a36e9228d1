package smbkit.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.access.ServerAccess;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.Persistence;
import smbkit.kb.Sample;
import smbkit.model.Session;
import smbkit.model.SessionListing;

/**
 * Samples are stamped with the time the server answered: its active times are as of then. A first listing
 * that takes seconds (level fallbacks, a loaded machine) stamped at the call made one NULL session look like
 * a temporary one gone and a new one, as the lab showed.
 */
class StepsTest {

    @Test
    void aSlowFirstListingDoesNotSplitASessionInTwo() {
        long created = Instant.now().getEpochSecond() - 20;
        int[] calls = {0};
        ServerAccess server = (ServerAccess) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ServerAccess.class},
                (proxy, m, a) -> {
                    if (m.getName().equals("sessions")) {
                        if (calls[0]++ == 0) {
                            Thread.sleep(6_500); // longer than the 5 s two sightings' start times may differ by
                        }
                        long active = Instant.now().getEpochSecond() - created;
                        return new SessionListing(List.of(new Session("10.0.0.3", "", 0L, active, active, 0L, null, null)), "level 502");
                    }
                    if (m.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        List<Sample> taken = Steps.sample(server, 3, 0, null);
        List<NullClient> clients = NullSessionAnalysis.analyse(taken, List.of(), true);
        assertEquals(1, clients.get(0).sessions().size(), "one session seen three times: " + clients);
        assertEquals(0, clients.get(0).count(Persistence.GONE));
    }
}
