package smbkit.access.samba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import smbkit.io.RegFile;
import smbkit.model.Connection;
import smbkit.model.RegistryValue;
import smbkit.model.Share;

/** The smaller readings of Samba's tools' output, on text captured from Samba 4.17 (see each fixture). */
class SambaToolReadingsTest {

    @Test
    void smbstatusHostnamesGiveTheAddressKillClientIpTakes() {
        assertEquals("127.0.0.163", SmbstatusParser.address("ipv4:127.0.0.163:38975"));
        assertEquals("::1", SmbstatusParser.address("ipv6:::1:445"));
        assertEquals("fe80::1", SmbstatusParser.address("ipv6:[fe80::1]:49152"));
        assertEquals("client1", SmbstatusParser.address("client1"));
    }

    @Test
    void aClientsSessionsAreFoundByNameOrAddressAndOneUsersByProcess() throws Exception {
        SmbstatusParser.Status status = SmbstatusParser.parse(SambaFixtures.read("smbstatus-lab.json"));
        assertEquals(List.of("127.0.0.163"), status.addressesOf("\\\\127.0.0.163"), "two sessions, one address");
        assertEquals(List.of(23896L, 23898L), status.pidsOf("127.0.0.163", "nobody").stream().sorted().toList());
        assertEquals(List.of(23885L), status.pidsOf("127.0.0.161", "LABGROUP\\LabUser"), "domain and case as SessionFilter takes them");
        assertEquals(List.of(), status.pidsOf("127.0.0.161", "labadmin"));
        assertEquals(List.of(), status.addressesOf("127.0.0.99"));
    }

    @Test
    void connectionsCarryTheShareTypeAndTheFilesOpenUnderIt() throws Exception {
        SmbstatusParser.Status status = SmbstatusParser.parse(SambaFixtures.read("smbstatus-lab.json"));
        Map<String, Share> shares = new LinkedHashMap<>();
        TestparmParser.allShares(SambaFixtures.read("testparm-lab.txt"), "", Map.of()).forEach(s -> shares.put(s.key(), s));

        List<Connection> ofClient = status.connections("\\\\127.0.0.161", shares);
        assertEquals(1, ofClient.size(), ofClient.toString());
        assertEquals("files", ofClient.get(0).netname());
        assertEquals(2L, ofClient.get(0).opens());
        assertEquals("labuser", ofClient.get(0).user());
        assertTrue(status.connections("IPC$", shares).stream().allMatch(c -> c.type() == Share.STYPE_IPC && c.opens() == 0));
        assertTrue(status.connections("IPC$", shares).stream().anyMatch(c -> c.netname().equals("127.0.0.162")));
    }

    @Test
    void hiddenSharesAreFoundByNameButNotListed() throws Exception {
        String text = SambaFixtures.read("testparm-hidden.txt");
        assertEquals(List.of("adm", "IPC$"), TestparmParser.shares(text, "Samba 4.17.12-Debian", Map.of()).stream().map(Share::name).toList(),
                "browseable = no is left out, as NetrShareEnumAll leaves it out");
        Share hidden = TestparmParser.share(text, "HIDDEN", "", Map.of()).orElseThrow();
        assertEquals("C:\\tmp", hidden.path());
        Share adm = TestparmParser.share(text, "adm", "", Map.of()).orElseThrow();
        assertEquals(Share.STYPE_SPECIAL | Share.STYPE_DISKTREE, adm.type(), "administrative share");
        assertEquals(3L, adm.maxUses());
        assertEquals("IPC Service (Samba 4.17.12-Debian)", TestparmParser.share(text, "ipc$", "Samba 4.17.12-Debian", Map.of())
                .orElseThrow().remark());
        assertEquals(Optional.empty(), TestparmParser.share(text, "homes", "", Map.of()), "a template, not a share");
    }

    @Test
    void netRegistryExportGivesEveryTypesExactBytes() throws Exception {
        Map<String, RegistryValue> values = new LinkedHashMap<>();
        List<RegFile.Entry> entries = SambaRegistry.exported(SambaFixtures.read("net-registry-export.reg"));
        entries.stream().filter(e -> e.key().equals("Software\\smbkit-local-test\\types")).forEach(e -> values.put(e.name(), e.value().get()));

        assertEquals(new RegistryValue(RegistryValue.REG_BINARY, new byte[] {1, 2, (byte) 0xFF}), values.get("bin"));
        assertEquals("%PATH%", values.get("exp").asString());
        assertEquals(RegistryValue.REG_EXPAND_SZ, values.get("exp").type());
        assertEquals(RegistryValue.multiString(List.of("a", "b c")), values.get("multi"));
        assertEquals(new RegistryValue(RegistryValue.REG_QWORD, HexFormat.of().parseHex("0100000000000000")), values.get("qw"));
        assertEquals(RegistryValue.string("he said \"hi\" \\ ok"), values.get("s"));
        assertEquals(RegistryValue.dword(0xFFFFFFFFL), values.get("d"));
        assertEquals(RegistryValue.string("-1"), values.get("neg"));
        assertEquals(RegistryValue.string(""), values.get("empty"));
        assertTrue(entries.stream().anyMatch(e -> e.key().equals("Software\\smbkit-local-test\\types\\sub")), "subkeys come too");
    }

    @Test
    void aToolsFailureIsItsFirstWordsNotItsProgressLines() {
        SambaTools.Output testparm = new SambaTools.Output(1, "",
                "Load smb config files from /x.conf\nWeak crypto is allowed by GnuTLS (e.g. NTLM as a compatibility fallback)\n"
                        + "Error loading services.\n");
        assertEquals("Error loading services.", testparm.firstError());
        assertEquals("exit 1", new SambaTools.Output(1, "", "").firstError(), "smbcontrol PID shutdown for a gone process");

        SambaTools.Output nonRoot = new SambaTools.Output(1, "", "Failed to initialize the registry: WERR_ACCESS_DENIED\n"
                + "Can't load /tmp/smbkit-lab/smb.conf - run testparm to debug it\nsmbstatus only works as root!\n");
        assertTrue(nonRoot.deniedToNonRoot());
        assertFalse(new SambaTools.Output(255, "", "reg_deletekey failed: WERR_ACCESS_DENIED\n").deniedToNonRoot(),
                "a key with subkeys is refused in the same words, but root can do nothing about it");
    }
}
