package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * smb-open-pipes --local --view tcp on the lab's Samba: the connections it lists are those ss -tin shows on
 * the lab's port at the same moment, each held session is joined to its own connection by address and port,
 * and the NULL session shows the traffic it carried. Clients 127.0.0.230 (NULL, spoolss) and .231 (labuser).
 */
@Tag("lab")
class ConnectionTableLabTest {

    static final String SPOOLER = "127.0.0.230";
    static final String USER = "127.0.0.231";

    SessionHolder spooler;
    SessionHolder user;

    @BeforeEach
    void hold() throws Exception {
        Lab.up();
        spooler = Lab.nullSession(SPOOLER);
        user = Lab.plainUserSession(USER, 1);
    }

    @AfterEach
    void release() throws Exception {
        if (spooler != null) {
            spooler.close();
        }
        if (user != null) {
            user.close();
        }
    }

    static int labPort() {
        return Integer.parseInt(Lab.HOST.substring(Lab.HOST.lastIndexOf(':') + 1));
    }

    /** "address:port" of every established connection ss shows on the lab's port from one of our clients. */
    static Set<String> ssPeers(Set<String> clients) {
        String out = Proc.run(Lab.REPO, "ss", "-H", "-t", "-n", "state", "established").ok().out();
        Set<String> peers = new TreeSet<>();
        Pattern p = Pattern.compile("\\S+:" + labPort() + "\\s+(\\S+):(\\d+)");
        for (String line : out.split("\n")) {
            Matcher m = p.matcher(line);
            if (m.find() && clients.contains(m.group(1))) {
                peers.add(m.group(1) + ":" + m.group(2));
            }
        }
        return peers;
    }

    static List<Map<String, Object>> tcpRows() {
        return Scripts.run("MapOpenPipes", "--samba-conf", Lab.conf(), "--view", "tcp", "--format", "json").ok().rows();
    }

    @Test
    void connectionsAgreeWithSsAndCarryTheirSessions() {
        Set<String> clients = Set.of(SPOOLER, USER);
        Set<String> before = ssPeers(clients);
        List<Map<String, Object>> rows = tcpRows();
        Set<String> after = ssPeers(clients);
        assertEquals(before, after, "ss changed during the run: the holders should be steady");

        List<Map<String, Object>> ours = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (Map<String, Object> r : rows) {
            if (clients.contains(r.get("client")) && r.get("client_port") != null && "ESTABLISHED".equals(r.get("state"))) {
                ours.add(r);
                listed.add(r.get("client") + ":" + ((Number) r.get("client_port")).longValue());
            }
        }
        assertEquals(before, listed, "the same connections and remote ports as ss -tin");
        assertTrue(listed.size() >= 2, listed.toString());

        Map<String, Object> nul = ours.stream().filter(r -> SPOOLER.equals(r.get("client")) && "guest".equals(r.get("session_kind")))
                .findFirst().orElseThrow(() -> new AssertionError("the NULL session is joined to its connection: " + ours));
        assertTrue(((Number) nul.get("bytes_in")).longValue() > 0, "it carried the negotiate, setup and spoolss bind");
        assertTrue(((Number) nul.get("bytes_out")).longValue() > 0);
        assertTrue(nul.get("idle_seconds") instanceof Number, "ss gives lastsnd/lastrcv");
        assertTrue(nul.get("age_seconds") instanceof Number, "the smbd process's age");
        assertEquals(Boolean.FALSE, nul.get("stuck_spooler"), "not idle " + nul.get("idle_seconds") + " s long enough");

        Map<String, Object> u = ours.stream().filter(r -> USER.equals(r.get("client")) && "user".equals(r.get("session_kind")))
                .findFirst().orElseThrow(() -> new AssertionError("the user's session is joined: " + ours));
        assertEquals("labuser", u.get("users"));
        assertEquals(0L, rows.stream().filter(r -> clients.contains(r.get("client")) && r.get("state") == null).count(),
                "no held session is left without its connection");
    }

    @Test
    void remoteViewTcpIsOneLine() {
        Scripts.Result r = Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--view", "tcp");
        assertEquals(Failure.NOT_AVAILABLE.exitCode(), r.exit());
        assertTrue(r.err().contains("--local --view tcp"), r.err());
    }
}
