package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * smb-open-pipes reads only what its --view prints: a view of shares or files does not list sessions
 * (which a plain user may not do, and which costs a server with hundreds of sessions most of the run).
 */
@Tag("lab")
class OpenPipesViewsLabTest {

    @BeforeAll
    static void lab() {
        Lab.up();
    }

    @Test
    void sharesNeedNoRightToListSessions() {
        // labuser is refused NetrSessionEnum and NetrFileEnum at every level, not NetrShareEnum.
        Scripts.Result r = Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.USER_AUTH.toString(), "--view", "shares",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.rows().stream().anyMatch(s -> "files".equals(s.get("name"))), r.out());
        // the views that print sessions still need the right to list them
        Scripts.Result clients = Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.USER_AUTH.toString(), "--view",
                "clients", "--format", "json");
        assertNotEquals(0, clients.exit(), clients.out());
    }

    @Test
    void filesAloneStillListEveryHeldFile() throws Exception {
        try (SessionHolder held = Lab.userSession("127.0.0.61", 3)) {
            Scripts.Result r = Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--view", "files",
                    "--format", "json").ok();
            List<Map<String, Object>> mine = r.rows().stream()
                    .filter(f -> String.valueOf(f.get("path")).contains("held-by-127.0.0.61-")).toList();
            assertEquals(3, mine.size(), r.out());
        }
    }
}
