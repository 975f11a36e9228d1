package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;

/**
 * The lab's workgroup as a source of hosts (issue 16 item 2): {@code smb-diagnose --workgroup} covers exactly the
 * computers {@code smb-workgroup} lists at the same moment, {@code smb-printer-shares --workgroup} (a dry run)
 * exactly the members {@code smbclient -L} shows printer shares on, with those shares, and the others skipped;
 * a computer that is not the master browser is smb-workgroup's one line and exit code.
 */
@Tag("lab")
class WorkgroupHostsLabTest {

    @BeforeAll
    static void lab() {
        Lab.workgroup();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Scripts.Result r, int exit) throws Exception {
        assertEquals(exit, r.exit(), r.err());
        return (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(r.out());
    }

    /** A host as a step names it, without the port it was reached on. */
    static String address(Object host) {
        String h = String.valueOf(host);
        return h.replaceAll(":[0-9]+$", "");
    }

    static Set<String> workgroupAddresses() throws Exception {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> c : rows(Scripts.run("ListWorkgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(1), "--no-shares",
                "--format", "json"), 0)) {
            out.add((String) c.get("address"));
        }
        return out;
    }

    @Test
    void diagnoseCoversEveryMemberOfTheBrowseList() throws Exception {
        Set<String> members = workgroupAddresses();
        Scripts.Result r = Scripts.run("SmbDiagnose", "--workgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(1), "-A",
                Lab.ADMIN_AUTH.toString(), "--format", "json");
        assertTrue(r.exit() == 0 || r.exit() == Failure.ACTION_NEEDED.exitCode(), r.err());
        List<Map<String, Object>> findings = rows(r, r.exit());
        Set<String> diagnosed = new TreeSet<>();
        for (Map<String, Object> f : findings) {
            diagnosed.add(address(f.get("host")));
            assertEquals(null, f.get("failure"), "every member reached: " + f);
        }
        assertEquals(members, diagnosed, "every computer of the browse list, nothing else");
        assertEquals(Lab.WG_MEMBERS, diagnosed.size());
        assertEquals(members, workgroupAddresses(), "the browse list did not change meanwhile");
        Scripts.Result table = Scripts.run("SmbDiagnose", "--workgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(1), "-A",
                Lab.ADMIN_AUTH.toString());
        for (String a : members) {
            assertTrue(table.out().contains(a), "ranked: " + a + "\n" + table.out());
        }
    }

    @Test
    void printerSharesDryRunTakesExactlyTheMembersWithPrinterShares() throws Exception {
        List<Map<String, Object>> rows = rows(Scripts.run("RemovePrinterShares", "--workgroup", Lab.WORKGROUP, "--master",
                Lab.wgAddress(1), "-A", Lab.ADMIN_AUTH.toString(), "--format", "json"), 0);
        Map<String, Set<String>> shares = new TreeMap<>();
        Set<String> skipped = new TreeSet<>();
        for (Map<String, Object> row : rows) {
            String host = address(row.get("host"));
            if (String.valueOf(row.get("result")).startsWith("skipped")) {
                skipped.add(host);
            } else {
                assertEquals("would remove", row.get("result"), row.toString());
                shares.computeIfAbsent(host, h -> new TreeSet<>()).add((String) row.get("share"));
            }
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        Set<String> without = new TreeSet<>();
        for (int n = 1; n <= Lab.WG_MEMBERS; n++) {
            Set<String> p = Lab.smbclientPrinters(Lab.wgAddress(n));
            if (p.isEmpty()) {
                without.add(Lab.wgAddress(n));
            } else {
                expected.put(Lab.wgAddress(n), p);
            }
        }
        assertEquals(expected, shares, "the members with printer shares, and their shares");
        assertEquals(Set.of(Lab.wgAddress(2), Lab.wgAddress(4)), shares.keySet(), "the lab shares printers on 2 and 4");
        assertEquals(without, skipped, "the others listed as skipped");
        for (String h : expected.keySet()) {
            assertEquals(expected.get(h), Lab.smbclientPrinters(h), "a dry run removed nothing on " + h);
        }
    }

    @Test
    void aWorkgroupWithoutThatMasterIsSmbWorkgroupsLine() {
        int code = Scripts.run("ListWorkgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(3)).exit();
        assertEquals(Failure.NO_MASTER_BROWSER.exitCode(), code);
        for (String script : List.of("SmbDiagnose", "RemovePrinterShares")) {
            Scripts.assertOneLine(Scripts.run(script, "--workgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(3), "-A",
                    Lab.ADMIN_AUTH.toString()), script.equals("SmbDiagnose") ? "smb-diagnose" : "smb-printer-shares", code,
                    "is not the master browser of " + Lab.WORKGROUP);
        }
    }
}
