package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * Many sessions: a listing far larger than one DCE/RPC fragment (and than the small preferred length asked
 * for) comes back whole. Samba sends it in one reply over several fragments; Windows would page it with
 * ERROR_MORE_DATA, which PagingTest covers on Windows-shaped bytes.
 */
@Tag("lab")
class PagingLabTest {

    @Test
    void sixtyNullSessionsFromSixtyClientsAllComeBack() throws Exception {
        Lab.up();
        List<SessionHolder> held = new ArrayList<>();
        try {
            for (int i = 1; i <= 60; i++) {
                held.add(Lab.nullSession("127.0.1." + i));
            }
            List<Map<String, Object>> rows = Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(),
                    "--format", "json", "--preferred-length", "256").ok().rows();

            long ours = rows.stream().filter(r -> ((String) r.get("client")).startsWith("127.0.1.")).count();
            assertEquals(60, ours);
        } finally {
            for (SessionHolder h : held) {
                h.close();
            }
        }
    }
}
