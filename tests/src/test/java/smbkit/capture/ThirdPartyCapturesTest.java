package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Lab;
import smbkit.Scripts;

/**
 * The third-party captures in ../shared/captures (real traffic nobody here made), each decoded by
 * smb-capture and compared with Debian's tshark on the same file: sessions, users, trees, files and pipes,
 * RPC interfaces.
 */
class ThirdPartyCapturesTest {

    static final Path SHARED = Lab.REPO.resolve("../shared/captures/suricata-verify").normalize();

    static Stream<Path> captures() throws IOException {
        if (!Files.isDirectory(SHARED)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(SHARED)) {
            return s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList().stream();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> report(Path file) throws IOException {
        Scripts.Result r = Scripts.run("ReadCapture", file.toString(), "--format", "json");
        assertTrue(r.exit() == 0 || r.exit() == 1, file + ": exit " + r.exit() + " " + r.err());
        return JSON.std.mapFrom(r.out());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> sessions(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("sessions");
    }

    @SuppressWarnings("unchecked")
    static Set<String> union(Map<String, Object> report, String field) {
        Set<String> all = new TreeSet<>();
        for (Map<String, Object> s : sessions(report)) {
            all.addAll((List<String>) s.get(field));
        }
        return all;
    }

    static Set<String> column(List<List<String>> rows, int i) {
        Set<String> out = new TreeSet<>();
        for (List<String> r : rows) {
            if (i < r.size()) {
                for (String v : r.get(i).split("\\|")) {
                    if (!v.isEmpty()) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    static String bare(String name) {
        String n = name.replace('/', '\\');
        while (n.startsWith("\\")) {
            n = n.substring(1);
        }
        return n.regionMatches(true, 0, "PIPE\\", 0, 5) ? n.substring(5) : n;
    }

    /** Names of the creates (SMB2 CREATE, SMB1 NT_CREATE_ANDX) the server granted, joined on stream and message id. */
    static Set<String> opened(Path file) {
        Map<String, String> asked = new java.util.HashMap<>();
        Set<String> granted = new TreeSet<>();
        for (List<String> r : Tshark.fields(file, "smb2.cmd==5", "tcp.stream", "smb2.flags.response", "smb2.cmd",
                "smb2.msg_id", "smb2.nt_status", "smb2.filename")) {
            String[] cmds = r.get(2).split("\\|");
            String[] ids = r.get(3).split("\\|");
            String[] status = r.get(4).split("\\|");
            boolean response = r.get(1).split("\\|")[0].equals("1") || r.get(1).startsWith("True");
            for (int i = 0; i < cmds.length && i < ids.length; i++) {
                if (!cmds[i].equals("5")) {
                    continue;
                }
                String key = r.get(0) + "/" + ids[i];
                if (!response) {
                    asked.put(key, r.get(5).split("\\|")[0]);
                } else if (i < status.length && Long.decode(status[i]) == 0) {
                    granted.add(key);
                }
            }
        }
        for (List<String> r : Tshark.fields(file, "smb.cmd==0xa2", "tcp.stream", "smb.flags.response", "smb.mid",
                "smb.nt_status", "smb.file")) {
            String key = "smb1/" + r.get(0) + "/" + r.get(2);
            boolean response = r.get(1).equals("1") || r.get(1).startsWith("True");
            if (!response) {
                asked.put(key, r.get(4).split("\\|")[0]);
            } else if (!r.get(3).isEmpty() && Long.decode(r.get(3).split("\\|")[0]) == 0) {
                granted.add(key);
            }
        }
        Set<String> names = new TreeSet<>();
        for (String key : granted) {
            String name = asked.get(key.startsWith("smb1/") ? key : key);
            if (name != null && !bare(name).isEmpty()) {
                names.add(bare(name));
            }
        }
        return names;
    }

    /** tshark decodes no request of a stream cut into tiny out-of-order segments; smbkit reassembles it. */
    static boolean tsharkSeesRequests(Path file) {
        return !Tshark.fields(file, "smb.flags.response==0 || smb2.flags.response==0", "frame.number").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void eachCaptureAgreesWithTshark(Path file) throws IOException {
        assumeTrue(Tshark.installed(), "tshark is not installed (apt-get install tshark)");
        Map<String, Object> ours = report(file);
        assertFalse(sessions(ours).isEmpty(), file + " has SMB sessions");

        // sessions: SMB2 session ids and SMB1 UIDs of the session set-up responses
        Set<Long> ids = new TreeSet<>();
        for (List<String> r : Tshark.fields(file, "(smb2.cmd==1 && smb2.flags.response==1) || (smb.cmd==0x73 && smb.flags.response==1)",
                "smb2.sesid", "smb.uid")) {
            for (String v : (r.get(0) + "|" + r.get(1)).split("\\|")) {
                if (!v.isEmpty()) {
                    ids.add(Long.decode(v));
                }
            }
        }
        Set<Long> ourIds = new TreeSet<>();
        for (Map<String, Object> s : sessions(ours)) {
            if (s.get("logon") != null) {
                ourIds.add(Long.decode((String) s.get("session_id")));
            }
        }
        assertEquals(ids, ourIds, file + ": sessions set up");

        if (!tsharkSeesRequests(file)) {
            // smb-eicar-file-segmentation-random: INDEX.md says session set-up, tree connect, NT create and write
            assertFalse(union(ours, "trees").isEmpty(), file + ": the tree tshark cannot reassemble");
            assertFalse(union(ours, "files").isEmpty(), file + ": the file tshark cannot reassemble");
            return;
        }

        // users: every NTLMSSP AUTHENTICATE (user, domain, workstation)
        Set<String> users = new TreeSet<>();
        for (List<String> r : Tshark.fields(file, "ntlmssp.messagetype == 3", "ntlmssp.auth.username",
                "ntlmssp.auth.domain", "ntlmssp.auth.hostname")) {
            users.add(r.get(0) + "/" + r.get(1) + "/" + r.get(2));
        }
        Set<String> ourUsers = new TreeSet<>();
        for (Map<String, Object> s : sessions(ours)) {
            if (s.get("workstation") != null) { // NTLMSSP logons carry a workstation field, plain SMB1 ones do not
                ourUsers.add(s.get("user") + "/" + s.get("domain") + "/" + s.get("workstation"));
            }
        }
        assertEquals(users, ourUsers, file + ": NTLMSSP users");

        // trees connected
        Set<String> trees = column(Tshark.fields(file,
                "(smb2.cmd==3 && smb2.flags.response==1 && smb2.nt_status==0) || (smb.cmd==0x75 && smb.flags.response==0)",
                "smb2.tree", "smb.path"), 0);
        trees.addAll(column(Tshark.fields(file, "smb.cmd==0x75 && smb.flags.response==0", "smb.path"), 0));
        trees.removeIf(t -> !t.startsWith("\\\\"));
        assertEquals(trees, union(ours, "trees"), file + ": trees");

        // files and pipes opened: create requests whose response succeeded
        Set<String> ourNames = new TreeSet<>();
        union(ours, "files").forEach(n -> ourNames.add(bare(n)));
        union(ours, "pipes").stream().filter(p -> !p.equalsIgnoreCase("\\PIPE\\LANMAN")).forEach(n -> ourNames.add(bare(n)));
        ourNames.remove("");
        assertEquals(opened(file), ourNames, file + ": files and pipes");

        // RPC interfaces bound
        Set<String> uuids = column(Tshark.fields(file, "dcerpc.pkt_type == 11 || dcerpc.pkt_type == 14",
                "dcerpc.cn_bind_to_uuid"), 0);
        assertEquals(uuids, union(ours, "interface_uuids"), file + ": interfaces");
    }
}
