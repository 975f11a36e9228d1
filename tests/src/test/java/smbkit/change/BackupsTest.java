package smbkit.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.io.RegFile;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.model.Share;

/**
 * Backups are plans, checked whole before the first write: sealed (a cut or changed one is refused), naming
 * their host, and holding only what the step itself backs up.
 */
class BackupsTest {

    @TempDir
    Path tmp;

    static final String HOST = "127.0.0.1:4450";

    // ---- Method 1's .reg backups

    Path reg(List<RegFile.Entry> entries) {
        return AnonymousRestriction.writeBackup(tmp.resolve("ra.reg"), HOST, entries);
    }

    static RegFile.Entry samba(Optional<RegistryValue> v) {
        return new RegFile.Entry(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous", v);
    }

    /**
     * A .reg sealed with this user's own key but with content smbkit never writes (as if the key had leaked):
     * what a backup may restore is checked on its own, not only by its seal.
     */
    Path forged(String name, String body) throws Exception {
        String text = RegBackup.sealed(AnonymousRestriction.TOOL, HOST, List.of(), List.of()) ;
        String withBody = text.substring(0, text.lastIndexOf("; " + RegBackup.SEAL)) + body;
        String sealed = withBody + "; " + RegBackup.SEAL + smbkit.io.BackupSeal.of(withBody) + "\r\n";
        return Files.writeString(tmp.resolve(name), sealed);
    }

    @Test
    void aBackupResealedWithoutTheKeyIsRefused() throws Exception {
        String text = Files.readString(reg(List.of(samba(Optional.of(RegistryValue.string("1"))))));
        String body = text.substring(0, text.lastIndexOf("; " + RegBackup.SEAL)).replace("\"1\"", "\"0\"");
        // anyone can compute a plain checksum; only this user's key makes a seal
        String resealed = body + "; " + RegBackup.SEAL + HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))) + "\r\n";
        Path f = Files.writeString(tmp.resolve("resealed.reg"), resealed);
        SmbkitException e = refused(() -> AnonymousRestriction.readBackup(f));
        assertEquals(Failure.FILE_ERROR, e.failure(), e.oneLine());
        assertTrue(e.getMessage().contains("seal"), e.getMessage());

        Map<String, Object> json = new java.util.LinkedHashMap<>(Records.read(Records.writeBackup(tmp.resolve("p.json"),
                backup(printer("laser", 1, printerValues())))));
        json.remove(Records.SEAL);
        String canonical = com.fasterxml.jackson.jr.ob.JSON.std.with(com.fasterxml.jackson.jr.ob.JSON.Feature.WRITE_NULL_PROPERTIES).asString(json);
        json.put(Records.SEAL, HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8))));
        Path p = Files.writeString(tmp.resolve("resealed.json"), com.fasterxml.jackson.jr.ob.JSON.std.asString(json));
        assertEquals(Failure.FILE_ERROR, refused(() -> Records.readBackup(p)).failure());
    }

    static SmbkitException refused(Runnable r) {
        return assertThrows(SmbkitException.class, r::run);
    }

    @Test
    void aRegBackupRoundTripsWithItsHostAndAbsentValues() {
        Path file = reg(List.of(samba(Optional.empty())));
        RegBackup b = AnonymousRestriction.readBackup(file);
        assertEquals(HOST, b.host());
        assertEquals(List.of(samba(Optional.empty())), b.entries());
        Path windows = AnonymousRestriction.writeBackup(tmp.resolve("w.reg"), "fileserver",
                List.of(new RegFile.Entry(RegistryKeys.LSA, "RestrictAnonymous", Optional.of(RegistryValue.dword(0)))));
        assertEquals("fileserver", AnonymousRestriction.readBackup(windows).host());
    }

    @Test
    void aRegBackupSettingAnyOtherValueIsRefusedNamingIt() throws Exception {
        Path share = forged("share.reg", "\r\n[HKEY_LOCAL_MACHINE\\Software\\Samba\\smbconf\\files]\r\n\"path\"=\"/etc\"\r\n");
        SmbkitException e = refused(() -> AnonymousRestriction.readBackup(share));
        assertEquals(Failure.FILE_ERROR, e.failure());
        assertTrue(e.getMessage().contains("HKLM\\Software\\Samba\\smbconf\\files\\path"), e.getMessage());

        Path pipes = forged("pipes.reg", "\r\n[HKEY_LOCAL_MACHINE\\" + RegistryKeys.LANMAN + "]\r\n\"NullSessionShares\"=hex(7):41,00,00,00,00,00\r\n");
        assertTrue(refused(() -> AnonymousRestriction.readBackup(pipes)).getMessage().contains("NullSessionShares"));

        Path delete = forged("delete.reg", "\r\n[HKEY_LOCAL_MACHINE\\" + RegistryKeys.LSA + "]\r\n\"RestrictAnonymous\"=-\r\n"
                + "\"LmCompatibilityLevel\"=-\r\n");
        assertTrue(refused(() -> AnonymousRestriction.readBackup(delete)).getMessage().contains("LmCompatibilityLevel"),
                "one bad value among good ones refuses the whole file");

        Path type = forged("type.reg", "\r\n[HKEY_LOCAL_MACHINE\\" + RegistryKeys.LSA + "]\r\n\"RestrictAnonymous\"=\"0\"\r\n");
        assertTrue(refused(() -> AnonymousRestriction.readBackup(type)).getMessage().contains("REG_SZ"));
    }

    @Test
    void aCutChangedOrUnsealedRegBackupIsRefused() throws Exception {
        String whole = Files.readString(reg(List.of(samba(Optional.of(RegistryValue.string("1"))))));
        for (int cut : new int[] {whole.length() - 10, whole.indexOf("; " + RegBackup.SEAL), whole.length() / 2, 0}) {
            Path f = Files.writeString(tmp.resolve("cut" + cut + ".reg"), whole.substring(0, cut));
            SmbkitException e = refused(() -> AnonymousRestriction.readBackup(f));
            assertEquals(Failure.FILE_ERROR, e.failure(), "cut at " + cut);
        }
        Path changed = Files.writeString(tmp.resolve("changed.reg"), whole.replace("\"1\"", "\"0\""));
        assertTrue(refused(() -> AnonymousRestriction.readBackup(changed)).getMessage().contains("seal"));
    }

    @Test
    void aBadDwordOrHexIsAFileErrorNotABug() {
        for (String data : new String[] {"dword:zz", "dword:123456789", "hex(zz):00", "hex:0g", "hex:0", "hexx:00"}) {
            String text = RegFile.HEADER + "\r\n[HKEY_LOCAL_MACHINE\\" + RegistryKeys.LSA + "]\r\n\"RestrictAnonymous\"=" + data + "\r\n";
            SmbkitException e = refused(() -> RegFile.parse(text));
            assertEquals(Failure.FILE_ERROR, e.failure(), data);
        }
    }

    @Test
    void twoBackupsOfOneHostInOneSecondKeepBoth() throws Exception {
        Path a = AnonymousRestriction.writeBackup(tmp.resolve("same.reg"), HOST, List.of(samba(Optional.empty())));
        Path b = AnonymousRestriction.writeBackup(tmp.resolve("same.reg"), HOST, List.of(samba(Optional.of(RegistryValue.string("2")))));
        assertEquals(Optional.empty(), AnonymousRestriction.readBackup(a).entries().get(0).value());
        assertEquals(Optional.of(RegistryValue.string("2")), AnonymousRestriction.readBackup(b).entries().get(0).value());
    }

    @Test
    void aBackupNamesItsHostAndAnotherIsRefusedUnlessSaidSo() {
        SmbkitException e = refused(() -> Records.checkHost(tmp, HOST, "10.0.0.5", false));
        assertEquals(Failure.REFUSED_UNSAFE, e.failure());
        Records.checkHost(tmp, HOST, "10.0.0.5", true);
        Records.checkHost(tmp, "FileServer", "fileserver", false);
    }

    // ---- Method 2's JSON backups

    static Map<String, Object> value(String text) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("type", "REG_SZ");
        v.put("type_code", 1);
        v.put("value", text);
        v.put("data_hex", HexFormat.of().formatHex(RegistryValue.string(text).data()));
        return v;
    }

    static Map<String, Object> printer(String name, long type, Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type);
        m.put("remark", "Lab " + name);
        m.put("path", "/var/spool/samba");
        m.put("permissions", null);
        m.put("max_uses", 4294967295L);
        m.put("security_descriptor_hex", null);
        m.put("registry_key", RegistryKeys.SAMBA_CONF + "\\" + name);
        m.put("registry_values", values);
        return m;
    }

    static Map<String, Object> printerValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("path", value("/var/spool/samba"));
        values.put("comment", value("Lab printer"));
        values.put("printable", value("yes"));
        values.put("print command", value("/bin/true"));
        return values;
    }

    static Map<String, Object> backup(Object... shares) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("tool", "remove-printer-shares");
        b.put("host", HOST);
        b.put("time", "2026-01-01T00:00:00Z");
        b.put("way", "registry");
        b.put("shares", List.of(shares));
        return b;
    }

    PrinterShares.RestorePlan plan(Map<String, Object> backup) {
        Path file = Records.writeBackup(tmp.resolve("p.json"), backup);
        return PrinterShares.restorePlan(Records.readBackup(file), file);
    }

    @Test
    void aPrinterBackupRoundTripsSealed() {
        PrinterShares.RestorePlan p = plan(backup(printer("laser", 1, printerValues()), printer("inkjet", 1, printerValues())));
        assertEquals(HOST, p.host());
        assertEquals(List.of("laser", "inkjet"), p.shares().stream().map(s -> s.share().name()).toList());
        assertEquals(RegistryValue.string("yes"), p.shares().get(0).registryValues().get("printable"));
    }

    @Test
    void aPrinterBackupMayOnlyReCreatePrinterShares() {
        Map<String, Object> fileShare = new LinkedHashMap<>(printerValues());
        fileShare.put("path", value("/etc"));
        fileShare.put("guest ok", value("yes"));
        fileShare.remove("printable");
        Map<String, Object> notPrintable = new LinkedHashMap<>(printerValues());
        notPrintable.put("printable", value("no"));
        Map<String, Object> include = new LinkedHashMap<>(printerValues());
        include.put("include", value("/tmp/evil.conf"));
        Map<String, Object> global = printer("global", 1, printerValues());
        Map<String, Object> otherKey = printer("laser", 1, printerValues());
        otherKey.put("registry_key", RegistryKeys.SAMBA_CONF + "\\files");
        Map<String, Object> dword = new LinkedHashMap<>(printerValues());
        dword.put("max print jobs", Map.of("type_code", 4, "data_hex", "01000000"));

        List<Map<String, Object>> hostile = List.of(printer("files", 0, printerValues()), printer("files", 1, fileShare),
                printer("laser", 1, notPrintable), printer("laser", 1, include), global, otherKey, printer("laser", 1, dword),
                printer("c$", 1, printerValues()), printer("a]b", 1, printerValues()));
        for (Map<String, Object> share : hostile) {
            SmbkitException e = refused(() -> plan(backup(printer("inkjet", 1, printerValues()), share)));
            assertEquals(Failure.FILE_ERROR, e.failure(), share.toString());
            assertTrue(e.getMessage().contains(String.valueOf(share.get("name"))), e.getMessage());
        }
    }

    @Test
    void aTruncatedChangedOrUnsealedPrinterBackupIsRefused() throws Exception {
        Path file = Records.writeBackup(tmp.resolve("whole.json"), backup(printer("laser", 1, printerValues())));
        String whole = Files.readString(file);
        Path cut = Files.writeString(tmp.resolve("cut.json"), whole.substring(0, whole.indexOf("\"" + Records.SEAL + "\"")) + "}");
        Path changed = Files.writeString(tmp.resolve("changed.json"), whole.replace("/bin/true", "/bin/sh"));
        Path half = Files.writeString(tmp.resolve("half.json"), whole.substring(0, whole.length() / 2));
        for (Path p : List.of(cut, changed, half)) {
            SmbkitException e = refused(() -> Records.readBackup(p));
            assertEquals(Failure.FILE_ERROR, e.failure(), p.toString());
        }
    }

    @Test
    void aBadValueHalfWayLeavesNothingBehind() {
        Map<String, Object> bad = new LinkedHashMap<>(printerValues());
        bad.put("print command", Map.of("type", "REG_SZ", "type_code", 1, "data_hex", "zz"));
        Map<String, Object> badType = printer("inkjet", 1, printerValues());
        badType.put("type", "one");
        FakeServer server = new FakeServer(List.of());
        for (Map<String, Object> b : List.of(backup(printer("printer1", 1, printerValues()), printer("printer2", 1, bad)),
                backup(printer("printer1", 1, printerValues()), badType))) {
            SmbkitException e = refused(() -> PrinterShares.restore(server.access(), plan(b), true, o -> { }));
            assertEquals(Failure.FILE_ERROR, e.failure());
        }
        assertEquals(List.of(), server.writes, "nothing written: no empty [printer1] left behind");
    }

    @Test
    void anExistingShareIsNeverOverwrittenAndADryRunWritesNothing() {
        PrinterShares.RestorePlan p = plan(backup(printer("laser", 1, printerValues())));
        FakeServer taken = new FakeServer(List.of(new Share("laser", Share.STYPE_DISKTREE, "", null, null, null, "/etc", null)));
        SmbkitException e = refused(() -> PrinterShares.restore(taken.access(), p, true, o -> { }));
        assertEquals(Failure.REFUSED_UNSAFE, e.failure());
        assertEquals(List.of(), taken.writes);

        FakeServer empty = new FakeServer(List.of());
        List<PrinterShares.Outcome> dry = PrinterShares.restore(empty.access(), p, false, o -> { });
        assertTrue(dry.get(0).result().startsWith("would re-create"), dry.toString());
        assertEquals(List.of(), empty.writes, "a dry run writes nothing");

        PrinterShares.restore(empty.access(), p, true, o -> { });
        assertEquals("createKey " + RegistryKeys.SAMBA_CONF + "\\laser", empty.writes.get(0));
        assertEquals(5, empty.writes.size(), empty.writes.toString());
    }

    /** A server whose shares are given and whose registry writes are recorded. */
    static final class FakeServer {
        final List<Share> shares;
        final List<String> writes = new ArrayList<>();

        FakeServer(List<Share> shares) {
            this.shares = new ArrayList<>(shares);
        }

        Registry registry() {
            return (Registry) Proxy.newProxyInstance(Registry.class.getClassLoader(), new Class<?>[] {Registry.class}, (p, m, args) -> {
                switch (m.getName()) {
                    case "subkeys":
                        return shares.stream().map(Share::name).toList();
                    case "keyExists":
                        return true;
                    case "createKey", "set", "delete", "deleteKey":
                        writes.add(m.getName() + " " + args[0] + (args.length > 1 ? " " + args[1] : ""));
                        if (m.getName().equals("createKey")) {
                            String key = (String) args[0];
                            shares.add(new Share(key.substring(key.lastIndexOf('\\') + 1), Share.STYPE_PRINTQ, "Lab laser", null, null,
                                    null, "/var/spool/samba", null));
                        }
                        return null;
                    default:
                        throw new UnsupportedOperationException(m.getName());
                }
            });
        }

        ServerAccess access() {
            Registry registry = registry();
            return (ServerAccess) Proxy.newProxyInstance(ServerAccess.class.getClassLoader(), new Class<?>[] {ServerAccess.class},
                    (p, m, args) -> switch (m.getName()) {
                        case "where" -> HOST;
                        case "shares" -> List.copyOf(shares);
                        case "share" -> shares.stream().filter(s -> s.name().equalsIgnoreCase((String) args[0])).findFirst()
                                .orElseThrow(() -> new SmbkitException(Failure.NOT_FOUND, "no share " + args[0], null));
                        case "registry" -> registry;
                        case "close" -> null;
                        case "addShare", "deleteShare" -> {
                            writes.add(m.getName());
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }
}
