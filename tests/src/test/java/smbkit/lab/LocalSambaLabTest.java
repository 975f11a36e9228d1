package smbkit.lab;

import smbkit.render.FindingText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;
import smbkit.SmbkitException;
import smbkit.access.LocalServers;
import smbkit.access.RemoteServer;
import smbkit.access.ServerAccess;
import smbkit.access.samba.LocalSamba;
import smbkit.access.samba.SambaRegistry;
import smbkit.access.samba.SambaTools;
import smbkit.cli.AuthFile;
import smbkit.kb.SessionLimit;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.model.Session;
import smbkit.model.Share;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * Local mode on the lab's Samba: the same sessions, files, shares and server info as the remote path, still
 * listed when the server is at its limit and refuses the remote path, sessions ended one client or one user
 * at a time, and changes made with Samba's own tools restored exactly. Every client is this test's own
 * (127.0.0.160-169): .160 is the remote path's own session, .161 and .162 are held for every test.
 */
@Tag("lab")
class LocalSambaLabTest {

    static final String ADMIN = "127.0.0.160";
    static final String USER = "127.0.0.161";
    static final String SPOOLER = "127.0.0.162";
    static final String TEST_KEY = "Software\\smbkit-local-test";

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

    /** Null when the lab is switched off (-Dsmbkit.lab=skip) and hold() stopped at Lab.up(). */
    @AfterEach
    void release() throws Exception {
        if (user != null) {
            user.close();
        }
        if (spooler != null) {
            spooler.close();
        }
    }

    static LocalSamba local() {
        return new LocalSamba(new SambaTools(Path.of(Lab.conf())));
    }

    /** labadmin over SMB from 127.0.0.160. */
    static RemoteServer remote() {
        AuthFile auth = AuthFile.read(Lab.ADMIN_AUTH);
        return RemoteServer.connect(Target.parse(Lab.HOST), Credentials.user(auth.domain(), auth.user(), auth.password()),
                SmbConnection.Options.defaults().withLocalAddress(ADMIN));
    }

    static Scripts.Result local(String script, String... more) {
        List<String> args = new ArrayList<>(List.of("--samba-conf", Lab.conf()));
        args.addAll(List.of(more));
        return Scripts.run(script, args.toArray(String[]::new));
    }

    /** What both paths know about a session (srvsvc's idle time is a placeholder 0, smbstatus has none). */
    static List<String> comparable(List<Session> sessions) {
        return sessions.stream().map(s -> s.client() + " " + s.user() + " " + s.kind() + " opens=" + s.opens() + " flags=" + s.userFlags())
                .sorted().toList();
    }

    static List<String> comparableFiles(List<OpenFile> files) {
        return files.stream().filter(f -> f.path().contains("held-by-" + USER))
                .map(f -> f.id() + " " + f.permissions() + " " + f.locks() + " " + f.path() + " " + f.user()).sorted().toList();
    }

    static List<String> comparableShares(List<Share> shares) {
        return shares.stream().map(s -> s.name() + " " + s.type() + " " + s.remark() + " " + s.path()).sorted().toList();
    }

    static void awaitNoSessions(ServerAccess server, String client) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!server.sessions(client, null).sessions().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void localListingsEqualTheRemoteOnes() {
        try (RemoteServer remote = remote(); LocalSamba local = local()) {
            for (String client : List.of(USER, SPOOLER, ADMIN)) {
                assertEquals(comparable(remote.sessions(client, null).sessions()), comparable(local.sessions(client, null).sessions()), client);
            }
            assertEquals(List.of(USER + " labuser USER opens=2 flags=0"), comparable(local.sessions(USER, null).sessions()));
            assertEquals(List.of(SPOOLER + " nobody GUEST opens=0 flags=1"), comparable(local.sessions(SPOOLER, null).sessions()));

            List<String> files = comparableFiles(local.openFiles(null, null));
            assertEquals(2, files.size(), files.toString());
            assertEquals(comparableFiles(remote.openFiles(null, null)), files, "ids, permissions, locks, paths and users");

            assertEquals(remote.serverInfo(), local.serverInfo());
            assertEquals(comparableShares(remote.shares()), comparableShares(local.shares()));
        }
    }

    @Test
    void theScriptsListTheSameLocallyAndRemotely() {
        List<Map<String, Object>> localRows = local("ListSessions", "--format", "json").ok().rows();
        List<Map<String, Object>> remoteRows = Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(),
                "--source-address", ADMIN, "--format", "json").ok().rows();
        assertEquals(ours(remoteRows, "client", "user", "kind", "opens"), ours(localRows, "client", "user", "kind", "opens"));

        List<String> localFiles = filesOf(local("MapOpenPipes", "--view", "files", "--format", "json").ok().rows());
        List<String> remoteFiles = filesOf(Scripts.run("MapOpenPipes", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(),
                "--source-address", ADMIN, "--view", "files", "--format", "json").ok().rows());
        assertEquals(2, localFiles.size());
        assertEquals(remoteFiles, localFiles);
    }

    static List<String> ours(List<Map<String, Object>> rows, String... keys) {
        return rows.stream().filter(r -> String.valueOf(r.get("client")).matches("127\\.0\\.0\\.16[1-9]"))
                .map(r -> { StringBuilder b = new StringBuilder(); for (String k : keys) b.append(r.get(k)).append('/'); return b.toString(); })
                .sorted().toList();
    }

    static List<String> filesOf(List<Map<String, Object>> rows) {
        return rows.stream().filter(r -> ((String) r.get("path")).contains("held-by-" + USER))
                .map(r -> r.get("path") + " " + r.get("user")).sorted().toList();
    }

    @Test
    void connectionsAreTheRealTreeConnects() {
        try (LocalSamba local = local()) {
            assertTrue(local.connectionsAreReliable());
            List<Connection> ofUser = local.connections("\\\\" + USER);
            assertEquals(1, ofUser.size(), ofUser.toString());
            assertEquals("files", ofUser.get(0).netname());
            assertEquals(2L, ofUser.get(0).opens());
            assertEquals("labuser", ofUser.get(0).user());
            assertTrue(local.connections("IPC$").stream().anyMatch(c -> SPOOLER.equals(c.netname()) && "nobody".equals(c.user())));
        }
    }

    static long smbdChildren() throws Exception {
        return ProcessHandle.of(Long.parseLong(Files.readString(Path.of(Lab.conf()).resolveSibling("pid/smbd.pid")).strip()))
                .orElseThrow().children().count();
    }

    /**
     * Caps 'max smbd processes' at the smbd children running now (two helpers and one per connection), counted
     * again while a process that was ending frees its slot, until the remote path is refused.
     */
    static SmbkitException capAtCurrentChildren() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            Lab.setGlobal("max smbd processes", Long.toString(smbdChildren()));
            try (RemoteServer remote = remote()) {
                remote.sessions(null, null);
            } catch (SmbkitException refused) {
                return refused;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the remote path was never refused");
    }

    @Test
    void atItsLimitTheServerRefusesTheRemotePathButLocalModeStillLists() throws Exception {
        try {
            SmbkitException refused = capAtCurrentChildren();
            assertEquals(Failure.SERVER_FULL, refused.failure(), refused.oneLine());

            try (LocalSamba local = local()) {
                assertEquals(1, local.sessions(USER, null).sessions().size());
                assertEquals(1, local.sessions(SPOOLER, null).sessions().size());
                long max = Long.parseLong(Proc.run(Lab.REPO, "testparm", "-s", Lab.conf(), "--parameter-name", "max smbd processes").out().strip());
                assertEquals(max - 2, local.serverInfo().maxUsers(), "max smbd processes less its two helpers");
                assertTrue(FindingText.basis(SessionLimit.of(local.serverInfo())).contains("max smbd processes"));
            }

            Scripts.Result remote = Scripts.run("ListSessions", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--source-address", ADMIN);
            assertEquals(13, remote.exit(), remote.err());
            assertTrue(remote.err().contains("System error 71"), remote.err());
            assertEquals(List.of(USER + "/labuser/", SPOOLER + "/nobody/"), ours(local("ListSessions", "--format", "json").ok().rows(),
                    "client", "user"));
            String table = local("ListSessions").ok().out();
            assertTrue(table.contains("max smbd processes") && table.contains("at its limit"), "the limit is known locally: " + table);
        } finally {
            Lab.removeGlobal("max smbd processes");
        }
    }

    @Test
    void deletingOneClientsSessionsEndsThoseOnly() throws Exception {
        try (SessionHolder first = Lab.nullSession("127.0.0.163"); SessionHolder again = Lab.nullSession("127.0.0.163");
                SessionHolder other = Lab.nullSession("127.0.0.164"); LocalSamba local = local()) {
            assertEquals(2, local.sessions("127.0.0.163", null).sessions().size());

            local.deleteSession("\\\\127.0.0.163", null);

            awaitNoSessions(local, "127.0.0.163");
            assertEquals(List.of(), local.sessions("127.0.0.163", null).sessions(), "both sessions of that client");
            List<String> left = comparable(local.sessions(null, null).sessions());
            assertEquals(1, left.stream().filter(s -> s.startsWith("127.0.0.164 ")).count(), left.toString());
            assertTrue(other.isAlive());
            assertEquals(1, left.stream().filter(s -> s.startsWith(USER + " ")).count(), left + "\n" + Lab.smbstatusJson());
            assertEquals(1, left.stream().filter(s -> s.startsWith(SPOOLER + " ")).count(), left.toString());
        }
    }

    @Test
    void deletingOneUsersSessionLeavesTheClientsOtherSessions() throws Exception {
        String client = "127.0.0.165";
        try (SessionHolder plain = Lab.plainUserSession(client, 0); SessionHolder anonymous = Lab.nullSession(client);
                LocalSamba local = local()) {
            local.deleteSession(client, "labuser");

            long deadline = System.currentTimeMillis() + 10_000;
            while (local.sessions(client, "labuser").sessions().size() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(client + " nobody GUEST opens=0 flags=1"), comparable(local.sessions(client, null).sessions()));
            assertTrue(anonymous.isAlive());

            SmbkitException none = assertThrows(SmbkitException.class, () -> local.deleteSession(client, "labadmin"));
            assertEquals(Failure.NOT_FOUND, none.failure());
        }
    }

    @Test
    void aClientWithoutSessionsIsNotFound() {
        try (LocalSamba local = local()) {
            SmbkitException e = assertThrows(SmbkitException.class, () -> local.deleteSession("127.0.0.169", null));
            assertEquals(Failure.NOT_FOUND, e.failure());
            SmbkitException file = assertThrows(SmbkitException.class, () -> local.capability(smbkit.access.FileControl.class).closeFile(1));
            assertEquals(Failure.NOT_AVAILABLE, file.failure());
            assertTrue(file.hint().contains("close-sessions"), file.hint());
        }
    }

    @Test
    void closingOneClientsNullSessionWithTheScriptLeavesTheRest() {
        local("CloseSessions", "--client", SPOOLER, "--null-only", "--apply", "--record", tmp.resolve("closed.json").toString()).ok();
        List<Map<String, Object>> after = local("ListSessions", "--format", "json").ok().rows();
        assertEquals(List.of(USER + "/labuser/"), ours(after, "client", "user"));
    }

    @Test
    void aRegistryShareIsAddedAndRemovedAndOneInSmbConfIsNot() {
        String name = "smbkit-local-160";
        Path dir = Path.of(Lab.conf()).resolveSibling("share");
        try (LocalSamba local = local(); RemoteServer remote = remote()) {
            local.addShare(new Share(name, Share.STYPE_DISKTREE, "added locally", 0L, 5L, 0L, "C:" + dir.toString().replace('/', '\\'), null));
            try {
                Share added = local.share(name);
                assertEquals("added locally", added.remark());
                assertEquals(5L, added.maxUses());
                assertEquals(comparableShares(List.of(remote.share(name))), comparableShares(List.of(added)), "the remote path sees it too");
            } finally {
                local.deleteShare(name);
            }
            assertEquals(Failure.NOT_FOUND, assertThrows(SmbkitException.class, () -> local.share(name)).failure());

            SmbkitException smbConf = assertThrows(SmbkitException.class, () -> local.deleteShare("files"));
            assertEquals(Failure.NOT_AVAILABLE, smbConf.failure());
            assertTrue(smbConf.oneLine().contains("smb.conf") || smbConf.oneLine().contains(Lab.conf()), smbConf.oneLine());
            assertTrue(local.shares().stream().anyMatch(s -> s.name().equals("files")), "still there");
        } finally {
            Proc.run(Lab.REPO, "net", "-s", Lab.conf(), "conf", "delshare", name);
        }
    }

    @Test
    void aLocalRestrictAnonymousChangeIsRestoredExactly() {
        SambaRegistry registry = new SambaRegistry(new SambaTools(Path.of(Lab.conf())));
        registry.delete(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous");
        Path backup = tmp.resolve("local.reg");
        try {
            Scripts.Result r = local("RestrictAnonymous", "--set", "2", "--apply", "--backup", backup.toString()).ok();
            assertTrue(r.out().contains("Probe skipped in local mode"), r.out());
            assertEquals(Optional.of(RegistryValue.string("2")), registry.get(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous"));

            local("RestrictAnonymous", "--restore", backup.toString(), "--apply").ok();

            assertEquals(Optional.empty(), registry.get(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous"));
        } finally {
            registry.delete(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous");
        }
    }

    @Test
    void aLocalPrinterShareRemovalIsRestoredExactly() throws Exception {
        SambaRegistry registry = new SambaRegistry(new SambaTools(Path.of(Lab.conf())));
        Map<String, RegistryValue> laser = registry.values(RegistryKeys.SAMBA_CONF + "\\laser");
        local("RemovePrinterShares", "--apply", "--backup-dir", tmp.toString()).ok();
        Path backup;
        try (Stream<Path> files = Files.list(tmp)) {
            backup = files.filter(p -> p.getFileName().toString().startsWith("printer-shares-local-")).findFirst().orElseThrow();
        }
        try {
            assertTrue(Proc.run(Lab.REPO, "testparm", "-s", Lab.conf(), "--suppress-prompt").out().lines()
                    .noneMatch(l -> l.equals("[laser]")), "laser is gone");
        } finally {
            local("RemovePrinterShares", "--restore", backup.toString(), "--apply").ok();
        }
        assertEquals(laser, registry.values(RegistryKeys.SAMBA_CONF + "\\laser"), "its registry values, exactly");
    }

    @Test
    void sambaRegistryRoundTripsStringsAndDwordsAsWinregReadsThem() {
        String key = TEST_KEY + "\\k";
        try (LocalSamba local = local(); RemoteServer remote = remote()) {
            smbkit.access.Registry registry = local.registry();
            Map<String, RegistryValue> written = Map.of("d", RegistryValue.dword(7), "max", RegistryValue.dword(0xFFFFFFFFL),
                    "s", RegistryValue.string("hello \"world\" \\ ok"), "dash", RegistryValue.string("-1"), "empty", RegistryValue.string(""));
            try {
                written.forEach((name, value) -> registry.set(key, name, value));
                assertEquals(written, registry.values(key));
                assertEquals(written, remote.registry().values(key), "winreg reads the same bytes");
                assertEquals(Optional.of(RegistryValue.string("-1")), registry.get(key, "DASH"), "names without case");
                assertEquals(List.of("k"), registry.subkeys(TEST_KEY));

                SmbkitException multi = assertThrows(SmbkitException.class,
                        () -> registry.set(key, "m", RegistryValue.multiString(List.of("a", "b"))));
                assertEquals(Failure.NOT_AVAILABLE, multi.failure());
                SmbkitException parent = assertThrows(SmbkitException.class, () -> registry.deleteKey(TEST_KEY));
                assertTrue(parent.getMessage().contains("has subkeys (k)"), parent.oneLine());

                registry.delete(key, "d");
                registry.delete(key, "d");
                assertEquals(Optional.empty(), registry.get(key, "d"));
            } finally {
                registry.deleteKey(key);
                registry.deleteKey(TEST_KEY);
            }
            assertFalse(registry.keyExists(TEST_KEY));
            assertEquals(Map.of(), registry.values(TEST_KEY));
        }
    }

    @Test
    void aConfigurationThatIsNotThereIsOneLine() {
        SmbkitException e = assertThrows(SmbkitException.class, () -> LocalServers.open(tmp.resolve("none.conf").toString()));
        assertEquals(Failure.LOCAL_UNAVAILABLE, e.failure());
        assertFalse(e.oneLine().contains("\n"), e.oneLine());

        Scripts.Result r = Scripts.run("ListSessions", "--samba-conf", tmp.resolve("none.conf").toString());
        assertEquals(20, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("local mode: no Samba configuration"), r.err());
    }
}
