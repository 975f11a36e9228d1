package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import smbkit.model.OpenFile;
import smbkit.model.Order;
import smbkit.model.Session;
import smbkit.model.Share;

/** Tables come in a stable, useful order whatever order the server answers in: sessions by client then user. */
class TableOrderTest {

    static Session s(String client, String user, long active) {
        return new Session(client, user, 0L, active, 0L, 0L, null, null);
    }

    static List<Object> column(TableData t, String key) {
        return t.rows().stream().map(r -> r.get(key)).toList();
    }

    @Test
    void sessionsByClientThenUserWhateverTheServersOrder() {
        List<Session> sessions = new ArrayList<>(List.of(s("127.0.0.10", "bob", 5), s("127.0.0.9", "", 100), s("127.0.0.9", "alice", 7),
                s("127.0.0.10", "Alice", 8), s("127.0.0.2", "zed", 1), s("127.0.0.9", "", 300)));
        List<String> expected = List.of("127.0.0.2/zed", "127.0.0.9//300", "127.0.0.9//100", "127.0.0.9/alice",
                "127.0.0.10/Alice", "127.0.0.10/bob");
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(sessions, new Random(seed));
            TableData t = SessionsView.table(sessions);
            List<String> got = t.rows().stream().map(r -> r.get("client") + "/" + r.get("user")
                    + (r.get("user").toString().isEmpty() ? "/" + r.get("active_s") : "")).toList();
            assertEquals(expected, got, "seed " + seed);
        }
    }

    @Test
    void namesCompareWithTheirNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("ws10", "WS2", "ws1", "10.0.0.100", "10.0.0.20", "ws02b"));
        names.sort(Order.NAMES);
        assertEquals(List.of("10.0.0.20", "10.0.0.100", "ws1", "WS2", "ws02b", "ws10"), names);
    }

    @Test
    void sharesByNameAndFilesByUserThenPath() {
        List<Share> shares = List.of(new Share("zeta", 0, "", null, null, null, "/z", null),
                new Share("Alpha", 0, "", null, null, null, "/a", null), new Share("IPC$", 3, "", null, null, null, null, null));
        assertEquals(List.of("Alpha", "IPC$", "zeta"), column(OpenPipesViews.shares(shares), "name"));
        List<OpenFile> files = List.of(new OpenFile(3, 1L, 0L, "/b", "bob"), new OpenFile(2, 1L, 0L, "/a", "bob"),
                new OpenFile(1, 1L, 0L, "/z", "alice"));
        assertEquals(List.of(1L, 2L, 3L), column(OpenPipesViews.files(files), "id"));
    }
}
