package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jcifs.CIFSContext;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbFile;
import smbkit.Lab;
import smbkit.Scripts;
import smbkit.access.RemoteServer;
import smbkit.cli.AuthFile;
import smbkit.model.RegistryKeys;
import smbkit.model.Share;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * Method 2 on the real Samba, whose printer shares live in its registry configuration: listed with type and
 * remark, a dry run that removes nothing, removal that leaves the file share, and a restore that brings them
 * back the same.
 */
@Tag("lab")
class PrinterSharesLabTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void lab() {
        Lab.up();
    }

    static List<Share> shares() {
        AuthFile a = AuthFile.read(Lab.ADMIN_AUTH);
        try (RemoteServer s = RemoteServer.connect(Target.parse(Lab.HOST), Credentials.user(a.domain(), a.user(), a.password()),
                SmbConnection.Options.defaults().withLocalAddress("127.0.0.90"))) {
            return s.shares();
        }
    }

    static List<String> printers() {
        return shares().stream().filter(Share::isPrinter).map(Share::name).sorted().toList();
    }

    Scripts.Result printerShares(String... more) {
        List<String> args = new ArrayList<>(List.of("-A", Lab.ADMIN_AUTH.toString(), "--source-address", "127.0.0.91",
                "--backup-dir", tmp.toString()));
        args.addAll(List.of(more));
        return Scripts.run("RemovePrinterShares", args.toArray(String[]::new));
    }

    @Test
    void printersAreListedWithTypeAndRemarkAndADryRunRemovesNothing() {
        List<Map<String, Object>> rows = printerShares(Lab.HOST, "--format", "json").ok().rows();

        assertEquals(List.of("inkjet", "laser"), rows.stream().map(r -> (String) r.get("share")).sorted().toList());
        Map<String, Object> laser = rows.stream().filter(r -> "laser".equals(r.get("share"))).findFirst().orElseThrow();
        assertEquals("Lab laser printer", laser.get("remark"));
        assertEquals("registry", laser.get("way"), "Samba refuses NetrShareDel for printers");
        assertEquals("would remove", laser.get("result"));
        assertEquals(List.of("inkjet", "laser"), printers(), "a dry run removes nothing");
    }

    @Test
    void applyRemovesThePrintersKeepsTheFileShareAndRestoreBringsThemBackTheSame() throws Exception {
        List<Share> before = shares();
        Scripts.Result removed = printerShares(Lab.HOST, "--apply");
        Path backup;
        try (Stream<Path> files = Files.list(tmp)) {
            backup = files.filter(p -> p.getFileName().toString().startsWith("printer-shares-")).findFirst().orElseThrow();
        }
        try {
            assertEquals(0, removed.exit(), removed.out() + removed.err());
            assertEquals(List.of(), printers());
            assertTrue(shares().stream().anyMatch(s -> s.name().equals("files")), "the file share stays");
            String text = Files.readString(backup);
            assertTrue(text.contains("\"print command\"") && text.contains("Lab inkjet printer"), text);
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
            Scripts.Result dry = printerShares("--restore", backup.toString());
            assertEquals(0, dry.exit(), dry.out() + dry.err());
            assertTrue(dry.out().contains("would re-create"), dry.out());
            assertEquals(List.of(), printers(), "a restore without --apply re-creates nothing");
            Scripts.Result elsewhere = printerShares("127.0.0.2", "--restore", backup.toString(), "--apply");
            assertEquals(4, elsewhere.exit(), "another host: refused unless --to-other-host: " + elsewhere.out());
            assertEquals(List.of(), printers());
        } finally {
            Scripts.Result restored = printerShares("--restore", backup.toString(), "--apply");
            assertEquals(0, restored.exit(), restored.out() + restored.err());
            assertTrue(restored.out().contains("restored, as in the backup"), restored.out());
        }
        Scripts.Result again = printerShares(Lab.HOST, "--restore", backup.toString(), "--apply");
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("there already, as in the backup"), again.out());
        List<Share> after = shares();
        for (Share was : before.stream().filter(Share::isPrinter).toList()) {
            Share now = after.stream().filter(s -> s.name().equals(was.name())).findFirst().orElseThrow();
            assertEquals(was.type(), now.type());
            assertEquals(was.remark(), now.remark());
            assertEquals(was.path(), now.path());
        }
    }

    @Test
    void aBackupThatWouldOverwriteTheFileShareIsRefusedAndNothingChanges() throws Exception {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (String[] kv : new String[][] {{"path", "/etc"}, {"guest ok", "yes"}, {"printable", "yes"}}) {
            values.put(kv[0], Map.of("type", "REG_SZ", "type_code", 1, "value", kv[1],
                    "data_hex", java.util.HexFormat.of().formatHex(smbkit.model.RegistryValue.string(kv[1]).data())));
        }
        Map<String, Object> files = new java.util.LinkedHashMap<>();
        files.put("name", "files");
        files.put("type", 1);
        files.put("remark", "");
        files.put("path", "/etc");
        files.put("registry_key", RegistryKeys.SAMBA_CONF + "\\files");
        files.put("registry_values", values);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("tool", "remove-printer-shares");
        b.put("host", Lab.HOST);
        b.put("way", "registry");
        b.put("shares", List.of(files));
        Path hostile = smbkit.change.Records.writeBackup(tmp.resolve("hostile.json"), b);
        Share before = shares().stream().filter(s -> s.name().equals("files")).findFirst().orElseThrow();

        Scripts.Result r = printerShares("--restore", hostile.toString(), "--apply");

        assertEquals(4, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("has a share files already"), r.out());
        Share after = shares().stream().filter(s -> s.name().equals("files")).findFirst().orElseThrow();
        assertEquals(before.path(), after.path());
        assertEquals(before.type(), after.type());
    }

    @Test
    void aClientConnectedToAPrinterShareIsReported() throws Exception {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB202");
        p.setProperty("jcifs.smb.client.laddr", "127.0.0.92");
        CIFSContext ctx = new BaseContext(new PropertyConfiguration(p))
                .withCredentials(new NtlmPasswordAuthenticator(null, "labuser", Lab.password(Lab.USER_AUTH)));
        try {
            assertTrue(new SmbFile("smb://" + Lab.HOST + "/laser/", ctx).exists());
            Map<String, Object> laser = printerShares(Lab.HOST, "--format", "json", "--share", "laser").ok().rows().get(0);
            assertTrue(((Number) laser.get("connections")).longValue() >= 1, laser.toString());
        } finally {
            ctx.close();
        }
    }

    @Test
    void badInputIsOneClearLineAndNothingIsLost() {
        Scripts.Result unknown = printerShares(Lab.HOST, "--share", "no-such-printer", "--apply");
        assertEquals(17, unknown.exit(), unknown.out() + unknown.err());
        assertTrue(unknown.out().contains("has no printer share no-such-printer"), unknown.out());

        Scripts.Result notAdmin = Scripts.run("RemovePrinterShares", Lab.HOST, "-A", Lab.USER_AUTH.toString(), "--apply",
                "--backup-dir", tmp.toString());
        assertEquals(15, notAdmin.exit(), notAdmin.out() + notAdmin.err());

        Scripts.Result oneDown = printerShares(Lab.HOST, "127.0.0.1:1");
        assertEquals(3, oneDown.exit(), "one host down among several: the run goes on and says so");
        assertTrue(oneDown.out().contains("would remove") && oneDown.out().contains("unreachable: 127.0.0.1:1 refused"), oneDown.out());
        assertEquals(List.of("inkjet", "laser"), printers(), "nothing lost");
    }
}
