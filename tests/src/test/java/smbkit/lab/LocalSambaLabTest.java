package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;
import smbkit.access.samba.SambaRegistry;
import smbkit.access.samba.SambaTools;
import smbkit.kb.AnonymousSetting;
import smbkit.model.RegistryValue;

/**
 * Local mode on the lab's Samba: the same sessions and open files as the remote path, still listed when the
 * server is at its limit and refuses the remote path, and changes made with Samba's own tools restored exactly.
 */
class LocalSambaLabTest {

    static final String USER = "127.0.0.161";
    static final String SPOOLER = "127.0.0.162";

    @TempDir
    Path tmp;

    SessionHolder user;
    SessionHolder spooler;

    @BeforeEach
    void hold() throws Exception {
        Lab.up();
        user = Lab.plainUserSession(USER, 2);
        spooler = Lab.nullSession(SPOOLER);
    }

    @AfterEach
    void release() throws Exception {
        // null when the lab was switched off and @BeforeEach stopped at its assumption
        if (user != null) {
            user.close();
        }
        if (spooler != null) {
            spooler.close();
        }
    }

    static Scripts.Result local(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("--samba-conf", Lab.conf()));
        args.addAll(List.of(more));
        return Scripts.run(script, args.toArray(String[]::new));
    }

    static List<String> ours(List<Map<String, Object>> rows, String... keys) {
        return rows.stream().filter(r -> String.valueOf(r.get("client")).startsWith("127.0.0.16"))
                .map(r -> { StringBuilder b = new StringBuilder(); for (String k : keys) b.append(r.get(k)).append('/'); return b.toString(); })
                .sorted().toList();
    }

    @Test
    void localModeListsTheSameSessionsAndOpenFilesAsTheRemotePath() {
        List<Map<String, Object>> local = local("ListSessions", "--format", "json").ok().rows();
        List<Map<String, Object>> remote = Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--format", "json").ok().rows();
        assertEquals(ours(remote, "client", "user", "kind", "opens"), ours(local, "client", "user", "kind", "opens"));
        assertEquals(List.of(USER + "/labuser/user/2/", SPOOLER + "/nobody/guest/0/"), ours(local, "client", "user", "kind", "opens"));

        List<String> localFiles = filesOf(local("MapOpenPipes", "--view", "files", "--format", "json").ok().rows());
        List<String> remoteFiles = filesOf(Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--view", "files",
                "--format", "json").ok().rows());
        assertEquals(2, localFiles.size());
        assertEquals(remoteFiles, localFiles);
    }

    static List<String> filesOf(List<Map<String, Object>> rows) {
        return rows.stream().filter(r -> ((String) r.get("path")).contains("held-by-" + USER))
                .map(r -> r.get("path") + " " + r.get("user")).sorted().toList();
    }

    @Test
    void atItsLimitTheServerRefusesTheRemotePathButLocalModeStillLists() throws Exception {
        long children = ProcessHandle.of(Long.parseLong(Files.readString(Path.of(Lab.conf()).resolveSibling("pid/smbd.pid")).strip()))
                .orElseThrow().children().count();
        Lab.setGlobal("max smbd processes", Long.toString(children));
        try {
            Scripts.Result remote = Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString());
            assertEquals(13, remote.exit(), remote.err());
            assertTrue(remote.err().contains("System error 71"), remote.err());

            Scripts.Result local = local("ListSessions", "--format", "json").ok();
            assertEquals(List.of(USER + "/labuser/", SPOOLER + "/nobody/"), ours(local.rows(), "client", "user"));
            String table = local("ListSessions").ok().out();
            assertTrue(table.contains("max smbd processes") && table.contains("at its limit"), "the limit is known locally: " + table);
        } finally {
            Lab.removeGlobal("max smbd processes");
        }
    }

    @Test
    void closingOneClientsNullSessionLocallyLeavesTheRest() {
        local("CloseSessions", "--client", SPOOLER, "--null-only", "--apply", "--record", tmp.resolve("closed.json").toString()).ok();
        List<Map<String, Object>> after = local("ListSessions", "--format", "json").ok().rows();
        assertEquals(List.of(USER + "/labuser/"), ours(after, "client", "user"));
    }

    @Test
    void aLocalRestrictAnonymousChangeIsRestoredExactly() {
        SambaRegistry registry = new SambaRegistry(new SambaTools(Path.of(Lab.conf())));
        registry.delete(AnonymousSetting.SAMBA_GLOBAL, "restrict anonymous");
        Path backup = tmp.resolve("local.reg");
        try {
            Scripts.Result r = local("RestrictAnonymous", "--set", "2", "--apply", "--backup", backup.toString()).ok();
            assertTrue(r.out().contains("Probe skipped in local mode"), r.out());
            assertEquals(Optional.of(RegistryValue.string("2")), registry.get(AnonymousSetting.SAMBA_GLOBAL, "restrict anonymous"));

            local("RestrictAnonymous", "--restore", backup.toString()).ok();

            assertEquals(Optional.empty(), registry.get(AnonymousSetting.SAMBA_GLOBAL, "restrict anonymous"));
        } finally {
            registry.delete(AnonymousSetting.SAMBA_GLOBAL, "restrict anonymous");
        }
    }

    @Test
    void aLocalPrinterShareRemovalIsRestoredExactly() throws Exception {
        SambaRegistry registry = new SambaRegistry(new SambaTools(Path.of(Lab.conf())));
        Map<String, RegistryValue> laser = registry.values(AnonymousSetting.SAMBA_CONF + "\\laser");
        local("RemovePrinterShares", "--apply", "--backup-dir", tmp.toString()).ok();
        Path backup;
        try (Stream<Path> files = Files.list(tmp)) {
            backup = files.filter(p -> p.getFileName().toString().startsWith("printer-shares-local-")).findFirst().orElseThrow();
        }
        try {
            assertTrue(Proc.run(Lab.REPO, "testparm", "-s", Lab.conf(), "--suppress-prompt").out().lines()
                    .noneMatch(l -> l.equals("[laser]")), "laser is gone");
        } finally {
            local("RemovePrinterShares", "--restore", backup.toString()).ok();
        }
        assertEquals(laser, registry.values(AnonymousSetting.SAMBA_CONF + "\\laser"), "its registry values, exactly");
    }

    @Test
    void sambaRegistryRoundTripsItsTypes() {
        SambaRegistry registry = new SambaRegistry(new SambaTools(Path.of(Lab.conf())));
        String key = "Software\\smbkit-local-test\\k";
        try {
            registry.set(key, "d", RegistryValue.dword(7));
            registry.set(key, "s", RegistryValue.string("hello world"));
            assertEquals(Map.of("d", RegistryValue.dword(7), "s", RegistryValue.string("hello world")), registry.values(key));
            assertEquals(List.of("k"), registry.subkeys("Software\\smbkit-local-test"));
            registry.delete(key, "d");
            assertEquals(Optional.empty(), registry.get(key, "d"));
        } finally {
            registry.deleteKey(key);
            registry.deleteKey("Software\\smbkit-local-test");
        }
        assertEquals(false, registry.keyExists("Software\\smbkit-local-test"));
    }

    @Test
    void aConfigurationThatIsNotThereIsOneLine() {
        Scripts.Result r = Scripts.run("ListSessions", "--samba-conf", tmp.resolve("none.conf").toString());
        assertEquals(20, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("local mode: no Samba configuration"), r.err());
    }
}
