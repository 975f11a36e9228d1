package smbkit.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.model.Session;

/** net session's count: each session a slot; clients with several listed as the tables list clients. */
class SessionCountTest {

    static Session nullSession(String client) {
        return new Session(client, "nobody", 0L, 100L, 0L, 1L, null, null);
    }

    @Test
    void clientsWithSeveralSessionsInTheTablesOrderWhateverTheServersOrder() {
        List<Session> listed = List.of(nullSession("127.0.0.10"), nullSession("127.0.0.5"), nullSession("\\\\127.0.0.10"),
                nullSession("127.0.0.5"), nullSession("127.0.0.3"), nullSession("127.0.0.3"), nullSession("127.0.0.4"));
        SessionCount count = SessionCount.of(listed, SessionLimit.of(null));
        assertEquals(7, count.total());
        assertEquals(List.of("127.0.0.3", "127.0.0.5", "127.0.0.10"), List.copyOf(count.clientsWithSeveral().keySet()));
        assertEquals(2, count.clientsWithSeveral().get("127.0.0.10").size(), "\\\\127.0.0.10 is the same client");
    }
}
