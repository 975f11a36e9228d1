package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Scripts;
import smbkit.access.RemoteServer;
import smbkit.cli.AuthFile;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * Method 1 on the real Samba: read the restriction, change it (a dry run first), see new NULL sessions
 * refused while users still connect, and restore exactly what was there, "absent" included.
 */
@Tag("lab")
class RestrictAnonymousLabTest {

    static final String KEY = RegistryKeys.SAMBA_GLOBAL;
    static final String NAME = "restrict anonymous";

    @TempDir
    Path tmp;

    /** What the lab had before this test: put back afterwards, and only if the test got as far as reading it. */
    private Optional<RegistryValue> before;

    @BeforeEach
    void startAbsent() throws Exception {
        Lab.up();
        before = read();
        write(Optional.empty());
    }

    @AfterEach
    void restoreWhatWasThere() throws Exception {
        if (before != null) {
            write(before);
        }
    }

    static RemoteServer admin() {
        AuthFile a = AuthFile.read(Lab.ADMIN_AUTH);
        return RemoteServer.connect(Target.parse(Lab.HOST), Credentials.user(a.domain(), a.user(), a.password()),
                SmbConnection.Options.defaults().withLocalAddress("127.0.0.70"));
    }

    static Optional<RegistryValue> read() {
        try (RemoteServer s = admin()) {
            return s.registry().get(KEY, NAME);
        }
    }

    static void write(Optional<RegistryValue> v) {
        try (RemoteServer s = admin()) {
            if (v.isPresent()) {
                s.registry().set(KEY, NAME, v.get());
            } else {
                s.registry().delete(KEY, NAME);
            }
        }
    }

    static Scripts.Result restrict(String... more) {
        List<String> args = new ArrayList<>(List.of(Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(), "--source-address", "127.0.0.71"));
        args.addAll(List.of(more));
        return Scripts.run("RestrictAnonymous", args.toArray(String[]::new));
    }

    static boolean nullSessionConnects(String address) {
        try (SessionHolder h = Lab.nullSession(address)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void readingShowsSambasOwnSettingAndWhy() {
        Scripts.Result r = restrict().ok();
        assertTrue(r.out().contains("restrict anonymous") && r.out().contains("absent"), r.out());
        assertTrue(r.out().contains("Samba ignores HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymous"), r.out());
        assertTrue(r.out().contains("Probe: new NULL sessions connect and may list shares."), r.out());
    }

    @Test
    void aDryRunChangesNothing() {
        Scripts.Result r = restrict("--set", "2").ok();
        assertTrue(r.out().contains("absent -> REG_SZ:2") && r.out().contains("Dry run"), r.out());
        assertEquals(Optional.empty(), read());
        assertTrue(nullSessionConnects("127.0.0.72"));
    }

    @Test
    void level2RefusesNewNullSessionsAndRestoreBringsBackExactlyWhatWasThere() throws Exception {
        SessionHolder existing = Lab.nullSession("127.0.0.73");
        try {
            Path backup = tmp.resolve("before.reg");
            Scripts.Result r = restrict("--set", "2", "--apply", "--backup", backup.toString()).ok();

            assertTrue(r.out().contains("Probe: new NULL sessions are refused."), r.out());
            assertTrue(r.out().contains("existing NULL session(s) keep working until closed: smb-close-sessions"), r.out());
            assertEquals(Optional.of(RegistryValue.string("2")), read());
            assertFalse(nullSessionConnects("127.0.0.74"), "a new NULL session cannot reach IPC$");
            try (SessionHolder user = Lab.plainUserSession("127.0.0.75", 0)) {
                assertTrue(user.isAlive(), "an authenticated session still works");
            }
            assertTrue(existing.isAlive(), "the existing NULL session is not touched by the setting");
            assertTrue(Files.readString(backup).contains("\"restrict anonymous\"=-"), "absent is in the backup");

            restrict("--restore", backup.toString(), "--apply").ok();

            assertEquals(Optional.empty(), read(), "the value that was absent is removed again");
            assertTrue(nullSessionConnects("127.0.0.74"), "NULL sessions work again");
        } finally {
            existing.close();
        }
    }

    /** The new spelling: --backup-dir DIR names the place, and --restore takes many backups, put back in the order given. */
    @Test
    void backupDirAndSeveralBackupsRestoredInTurn() throws Exception {
        write(Optional.of(RegistryValue.string("1")));
        Path dir = Files.createDirectories(tmp.resolve("backups"));
        restrict("--set", "2", "--apply", "--backup-dir", dir.toString(), "--no-probe").ok();
        restrict("--set", "0", "--apply", "--backup-dir", dir.toString(), "--no-probe").ok();
        List<Path> backups;
        try (var list = Files.list(dir)) {
            backups = list.filter(p -> p.getFileName().toString().startsWith("restrict-anonymous-")).sorted().toList();
        }
        assertEquals(2, backups.size(), backups.toString());
        Path first = Files.readString(backups.get(0)).contains("\"restrict anonymous\"=\"1\"") ? backups.get(0) : backups.get(1);
        Path second = first.equals(backups.get(0)) ? backups.get(1) : backups.get(0);
        assertEquals(Optional.of(RegistryValue.string("0")), read());
        restrict("--restore", second.toString(), first.toString(), "--apply", "--no-probe").ok();
        assertEquals(Optional.of(RegistryValue.string("1")), read(), "the last backup given, the first taken, wins");
    }

    @Test
    void aValueThatWasThereComesBackAsItWas() {
        write(Optional.of(RegistryValue.string("1")));
        Path backup = tmp.resolve("one.reg");
        restrict("--set", "2", "--apply", "--backup", backup.toString(), "--no-probe").ok();
        assertEquals(Optional.of(RegistryValue.string("2")), read());

        Scripts.Result dry = restrict("--restore", backup.toString(), "--no-probe").ok();
        assertTrue(dry.out().contains("Would restore") && dry.out().contains("REG_SZ:2 -> REG_SZ:1"), dry.out());
        assertEquals(Optional.of(RegistryValue.string("2")), read(), "a restore without --apply changes nothing");

        restrict("--restore", backup.toString(), "--no-probe", "--apply").ok();

        assertEquals(Optional.of(RegistryValue.string("1")), read());
    }

    @Test
    void aRestoreWithNoHostGoesToTheBackupsHostAndTwoBackupsInOneSecondKeepBoth() {
        write(Optional.of(RegistryValue.string("1")));
        Path backup = tmp.resolve("same.reg");
        restrict("--set", "2", "--apply", "--backup", backup.toString(), "--no-probe").ok();
        restrict("--set", "0", "--apply", "--backup", backup.toString(), "--no-probe").ok();
        Path second = tmp.resolve("same-2.reg");
        assertTrue(Files.exists(second), "the second backup did not overwrite the first");

        Scripts.Result r = Scripts.run("RestrictAnonymous", "-A", Lab.ADMIN_AUTH.toString(), "--source-address", "127.0.0.71",
                "--restore", backup.toString(), "--apply", "--no-probe");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(Optional.of(RegistryValue.string("1")), read(), "the first backup still holds the original value");
    }

    @Test
    void aBackupSettingAnotherValueIsRefusedAndNothingIsWritten() throws Exception {
        write(Optional.of(RegistryValue.string("1")));
        Path backup = tmp.resolve("good.reg");
        restrict("--set", "2", "--apply", "--backup", backup.toString(), "--no-probe").ok();
        String text = Files.readString(backup);
        // a hostile edit that keeps the file well-formed: another value before the good one, re-sealed
        String body = text.substring(0, text.lastIndexOf("; " + smbkit.change.RegBackup.SEAL))
                .replace("\"restrict anonymous\"=", "\"guest ok\"=\"yes\"\r\n\"restrict anonymous\"=");
        // sealed with this user's key, as if it had leaked: the content is checked on its own
        String sealed = body + "; " + smbkit.change.RegBackup.SEAL + smbkit.io.BackupSeal.of(body) + "\r\n";
        Path hostile = Files.writeString(tmp.resolve("hostile.reg"), sealed);

        Scripts.Result r = restrict("--restore", hostile.toString(), "--apply", "--no-probe");
        assertEquals(21, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("guest ok"), r.err());
        assertEquals(Optional.of(RegistryValue.string("2")), read(), "not even the allowed value was written");
        try (RemoteServer s = admin()) {
            assertEquals(Optional.empty(), s.registry().get(KEY, "guest ok"));
        }
    }

    @Test
    void aNonAdministratorGetsOneLineAndNothingChanges() {
        Scripts.Result r = Scripts.run("RestrictAnonymous", Lab.HOST, "-A", Lab.USER_AUTH.toString(), "--set", "2", "--apply",
                "--backup", tmp.resolve("x.reg").toString());
        assertEquals(15, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(Optional.empty(), read());
    }

    @Test
    void aChangeCutOffAfterTheBackupLeavesABackupThatRestores() throws Exception {
        write(Optional.of(RegistryValue.string("1")));
        Path backup = tmp.resolve("cut.reg");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "RestrictAnonymous", Lab.HOST, "-A", Lab.ADMIN_AUTH.toString(),
                "--set", "2", "--apply", "--no-probe", "--backup", backup.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(backup) && p.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        p.destroyForcibly(); // cut off as soon as the backup is there (the change may or may not have happened)
        p.waitFor(10, TimeUnit.SECONDS);

        assertTrue(Files.exists(backup), "the backup was written before any change");
        assertFalse(Files.exists(tmp.resolve("cut.reg.part")) && !Files.exists(backup), "never a half-written backup");
        restrict("--restore", backup.toString(), "--no-probe", "--apply").ok();
        assertEquals(Optional.of(RegistryValue.string("1")), read());
    }

    @Test
    void aRestoreFromSomethingElseIsRefusedInOneLine() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.reg"), "this is not a backup\n");
        Scripts.Result r = restrict("--restore", junk.toString());
        assertEquals(21, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertThrows(AssertionError.class, () -> restrict("--set", "7").ok(), "level 7 does not exist");
    }
}
