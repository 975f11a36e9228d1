package smbkit.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;
import smbkit.SmbkitException;
import smbkit.access.BrowseList;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;
import smbkit.rpc.rap.Rap;

/**
 * smb-workgroup against the lab's workgroup (tests/lab/lab workgroup: a master browser and three members, two
 * of them sharing printers), checked against Samba's own clients at the same moment: the master by
 * {@code nmblookup -U MASTER 'WG#1d'}, each computer's names by {@code nmblookup -A}, each computer's printer
 * shares by {@code smbclient -L HOST -p 139 -N}; then the sweep, and every bad input with its line and code.
 */
@Tag("lab")
class WorkgroupLabTest {

    @BeforeAll
    static void lab() {
        Lab.workgroup();
    }

    static String conf() {
        return Lab.wgConf(1);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> json(Scripts.Result r) throws Exception {
        assertEquals(0, r.exit(), r.err());
        return (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(r.out());
    }

    /** {@code nmblookup -A}: each name as NAME<XX>. */
    static Set<String> nmblookupNames(String address) {
        Proc p = Proc.run(Lab.REPO, "nmblookup", "-s", conf(), "-A", address).ok();
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("^\\s+(\\S.*?)\\s*<([0-9a-f]{2})>", Pattern.MULTILINE).matcher(p.out());
        while (m.find()) {
            names.add(m.group(1).strip() + "<" + m.group(2).toUpperCase(java.util.Locale.ROOT) + ">");
        }
        return names;
    }

    static Set<String> printable(Set<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (!n.contains("MSBROWSE")) { // its control characters print differently in each tool
                out.add(n);
            }
        }
        return out;
    }

    @Test
    void theBrowseListAgreesWithSambasClients() throws Exception {
        Proc master = Proc.run(Lab.REPO, "nmblookup", "-s", conf(), "-U", Lab.wgAddress(1), Lab.WORKGROUP + "#1d").ok();
        assertTrue(master.out().contains(Lab.wgAddress(1) + " " + Lab.WORKGROUP + "<1d>"), master.out());
        List<Map<String, Object>> rows = json(Scripts.run("ListWorkgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(1), "--format", "json"));
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        rows.forEach(r -> byName.put((String) r.get("name"), r));
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= Lab.WG_MEMBERS; n++) {
            expected.add(Lab.wgName(n));
        }
        assertEquals(expected, List.copyOf(byName.keySet()), "every member, nothing else");
        for (int n = 1; n <= Lab.WG_MEMBERS; n++) {
            Map<String, Object> c = byName.get(Lab.wgName(n));
            String address = Lab.wgAddress(n);
            assertEquals(address, c.get("address"));
            assertEquals(Lab.WORKGROUP, c.get("workgroup"));
            assertEquals(printable(nmblookupNames(address)), printable(new TreeSet<>(strings(c.get("names")))), "names of " + address);
            Set<String> printers = Lab.smbclientPrinters(address);
            assertEquals(printers, new TreeSet<>(strings(c.get("printer_shares"))), "printer shares of " + address);
            assertEquals(!printers.isEmpty(), c.get("print_queue_server"), "print queue server: " + address);
            assertEquals(n == 2 || n == 4, c.get("print_queue_server"), "the lab shares printers on 2 and 4");
            assertEquals(n == 1, c.get("master_browser"));
            long flags = ((Number) c.get("type_flags")).longValue();
            assertTrue((flags & 0x1) != 0 && (flags & 0x2) != 0, "workstation and server");
            assertEquals(n == 1, (flags & 0x40000) != 0, "SV_TYPE_MASTER_BROWSER on the master only");
            assertEquals("smbkit lab (wg-" + n + ")", c.get("comment"));
            assertTrue(c.containsKey("os_version"));
        }
    }

    @Test
    void theSweepAgreesWithNmblookupAndCountsTheSilent() throws Exception {
        Scripts.Result r = Scripts.run("ListWorkgroup", "--sweep", Lab.WG_NET + ".1-6", "--name-timeout", "300", "--format", "json");
        List<Map<String, Object>> rows = json(r);
        assertEquals(Lab.WG_MEMBERS, rows.size(), r.out());
        for (Map<String, Object> c : rows) {
            String address = (String) c.get("address");
            assertEquals(printable(nmblookupNames(address)), printable(new TreeSet<>(strings(c.get("names")))));
            assertEquals(Lab.WORKGROUP, c.get("workgroup"));
            assertNull(c.get("type_flags"));
            assertEquals(!Lab.smbclientPrinters(address).isEmpty(), c.get("print_queue_server"), address);
        }
        Scripts.Result table = Scripts.run("ListWorkgroup", "--sweep", Lab.WG_NET + ".1-6", "--name-timeout", "300");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("2 addresses did not answer."), table.out());
    }

    @Test
    void aComputerThatIsNotTheMasterBrowserSaysSo() {
        Scripts.assertOneLine(Scripts.run("ListWorkgroup", Lab.WORKGROUP, "--master", Lab.wgAddress(2)), "smb-workgroup",
                Failure.NO_MASTER_BROWSER.exitCode(), "is not the master browser of " + Lab.WORKGROUP);
    }

    @Test
    void nothingAnsweringOnUdp137SaysSo() {
        Scripts.assertOneLine(Scripts.run("ListWorkgroup", Lab.WORKGROUP, "--master", Lab.WG_NET + ".77", "--name-timeout", "200"),
                "smb-workgroup", Failure.NETBIOS_SILENT.exitCode(), "did not answer a NetBIOS name query");
        Scripts.assertOneLine(Scripts.run("ListWorkgroup", "--sweep", Lab.WG_NET + ".77-79", "--name-timeout", "200"),
                "smb-workgroup", Failure.NETBIOS_SILENT.exitCode(), "none of the 3 addresses answered");
    }

    @Test
    void aSweepTooLargeIsAUsageError() {
        Scripts.assertOneLine(Scripts.run("ListWorkgroup", "--sweep", "10.0.0.0/16"), "smb-workgroup",
                Failure.USAGE.exitCode(), "larger than");
    }

    @Test
    void aServerThatRefusesSmb1CannotGiveABrowseList() {
        // the test server speaks SMB 2 and 3 only (server min protocol = SMB2_02)
        SmbConnection.Options o = SmbConnection.Options.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
        try (BrowseList b = BrowseList.open(new Target("127.0.0.1", Lab.PORT), Credentials.anonymous(), o)) {
            SmbkitException e = assertThrows(SmbkitException.class, () -> b.servers(Lab.WORKGROUP, Rap.SV_TYPE_ALL));
            assertEquals(Failure.SMB1_UNAVAILABLE, e.failure(), e.getMessage());
            assertTrue(e.oneLine().contains("refuses SMB1") && e.oneLine().contains("--sweep"), e.oneLine());
        }
    }

    @Test
    void theRunbookCallGivesTheSameTable() {
        tech.tablesaw.api.Table t = smbkit.Runbook.workgroup(Lab.WORKGROUP, Lab.wgAddress(1));
        assertEquals(Lab.WG_MEMBERS, t.rowCount(), t.print());
        assertEquals(List.of(Lab.wgName(2), Lab.wgName(4)),
                t.where(t.booleanColumn("print_queue_server").isTrue()).stringColumn("name").asList());
        assertTrue(t.columnNames().containsAll(List.of("name", "address", "workgroup", "type_flags", "os_version", "comment", "names")));
        tech.tablesaw.api.Table none = smbkit.Runbook.workgroup(Lab.WORKGROUP, Lab.wgAddress(3));
        assertEquals(0, none.rowCount());
        assertEquals("no_master_browser", smbkit.Runbook.failures().stringColumn("failure").get(smbkit.Runbook.failures().rowCount() - 1));
    }

    static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
