package smbkit.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Scripts;
import smbkit.io.RegFile;
import smbkit.io.SafeFiles;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;

/**
 * The scripts refuse a bad or foreign backup before they connect (the HOSTs here have nothing listening: a
 * script that connected would exit 11), never ignore a HOST given with --restore, and report files they
 * cannot read or write in one line with exit 21.
 */
class RestoreScriptsTest {

    @TempDir
    Path tmp;

    static final String NOBODY = "127.0.0.1:1";

    /** Connection refused; a network error where loopback is down (unshare -n): either way it tried to connect. */
    static final Set<Integer> CONNECT_FAILED = Set.of(11, 22);

    Path regBackup(String host) {
        return AnonymousRestriction.writeBackup(tmp.resolve("ra.reg"), host,
                List.of(new RegFile.Entry(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous", Optional.empty())));
    }

    Path printerBackup(String host) {
        var b = BackupsTest.backup(BackupsTest.printer("laser", 1, BackupsTest.printerValues()));
        b.put("host", host);
        return Records.writeBackup(tmp.resolve("p.json"), b);
    }

    @Test
    void restrictAnonymousRefusesABackupOfAnotherHostUnlessToldAndNeverIgnoresTheHost() {
        Path backup = regBackup("127.0.0.1:4450");
        Scripts.Result other = Scripts.run("RestrictAnonymous", NOBODY, "-N", "--restore", backup.toString(), "--apply");
        assertEquals(4, other.exit(), other.err());
        assertEquals(1, other.err().lines().count(), other.err());
        assertTrue(other.err().contains("--to-other-host"), other.err());
        Scripts.Result told = Scripts.run("RestrictAnonymous", NOBODY, "-N", "--restore", backup.toString(), "--to-other-host");
        assertTrue(CONNECT_FAILED.contains(told.exit()), "it goes to the HOST given: " + told.err());
        Scripts.Result own = Scripts.run("RestrictAnonymous", NOBODY, "-N", "--restore", regBackup(NOBODY).toString());
        assertTrue(CONNECT_FAILED.contains(own.exit()), own.err());
    }

    @Test
    void restrictAnonymousRefusesAHostileOrCutBackupBeforeConnecting() throws Exception {
        String whole = Files.readString(regBackup(NOBODY));
        Path cut = Files.writeString(tmp.resolve("cut.reg"), whole.substring(0, whole.indexOf("; " + RegBackup.SEAL)));
        Path other = Files.writeString(tmp.resolve("other.reg"), whole.replace("restrict anonymous", "path"));
        for (Path p : List.of(cut, other, Path.of("/dev/zero"))) {
            Scripts.Result r = Scripts.run("RestrictAnonymous", NOBODY, "-N", "--restore", p.toString(), "--apply");
            assertEquals(21, r.exit(), p + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void printerSharesRefusesABackupOfAnotherHostAndABadOneBeforeConnecting() throws Exception {
        Path backup = printerBackup("127.0.0.1:4450");
        Scripts.Result other = Scripts.run("RemovePrinterShares", NOBODY, "-N", "--restore", backup.toString(), "--apply");
        assertEquals(4, other.exit(), other.out() + other.err());
        assertTrue(other.out().contains("--to-other-host"), other.out());
        Scripts.Result told = Scripts.run("RemovePrinterShares", NOBODY, "-N", "--restore", backup.toString(), "--to-other-host");
        assertTrue(CONNECT_FAILED.contains(told.exit()), told.out() + told.err());
        Scripts.Result two = Scripts.run("RemovePrinterShares", NOBODY, "127.0.0.1:2", "-N", "--restore", backup.toString());
        assertEquals(2, two.exit(), two.err());

        String whole = Files.readString(printerBackup(NOBODY));
        Path cut = Files.writeString(tmp.resolve("cut.json"), whole.substring(0, whole.length() - 20));
        Scripts.Result r = Scripts.run("RemovePrinterShares", "-N", "--restore", cut.toString(), "--apply");
        assertEquals(21, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void everyHostFailingIsTheirCommonFailureNotSomeFailed() {
        Scripts.Result r = Scripts.run("RemovePrinterShares", NOBODY, "127.0.0.1:2", "-N", "--timeout", "3");
        assertNotEquals(3, r.exit(), r.out() + r.err());
        assertTrue(CONNECT_FAILED.contains(r.exit()), "connection refused (22 where loopback is down): " + r.out());
    }

    @Test
    void diagnoseFromAFifoOrDevZeroIsOneLineWithExit21() throws Exception {
        Path fifo = tmp.resolve("snap.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (Path p : List.of(fifo, Path.of("/dev/zero"))) {
            Scripts.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Scripts.run("SmbDiagnose", "--from", p.toString()));
            assertEquals(21, r.exit(), p + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void anUnwritableHtmlReportStillPrintsTheTextReportAndExits21() throws Exception {
        Path rows = Files.writeString(tmp.resolve("sessions.json"), "[{\"client\":\"10.0.0.3\",\"user\":\"\",\"kind\":\"null\","
                + "\"opens\":1,\"active_s\":500,\"idle_s\":500}]");
        Path blocked = Files.writeString(tmp.resolve("file"), "");
        Scripts.Result r = Scripts.run("SmbDiagnose", "--from", rows.toString(), "--html", blocked.resolve("report.html").toString());
        assertEquals(21, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("10.0.0.3"), "the text report came first: " + r.out());
        assertEquals(1, r.err().lines().count(), r.err());

        Path html = tmp.resolve("report.html");
        Scripts.Result ok = Scripts.run("SmbDiagnose", "--from", rows.toString(), "--html", html.toString());
        assertNotEquals(21, ok.exit(), ok.err());
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(html));
    }

    @Test
    void recordsAndBackupsGoToTheStateDirectoryByDefault() {
        assertEquals(SafeFiles.stateDir(), Records.defaultPath("close-sessions", "srv").getParent());
        assertTrue(Records.defaultPath("restrict-anonymous", "127.0.0.1:4450", "reg").getFileName().toString()
                .startsWith("restrict-anonymous-127.0.0.1_4450-"));
        assertEquals(RegistryValue.REG_SZ, 1);
    }
}
