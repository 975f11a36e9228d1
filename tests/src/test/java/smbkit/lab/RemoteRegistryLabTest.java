package smbkit.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.SmbkitException;
import smbkit.access.RemoteRegistry;
import smbkit.access.samba.SambaRegistry;
import smbkit.access.samba.SambaTools;
import smbkit.cli.AuthFile;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * RemoteRegistry over \PIPE\winreg against the lab's Samba 4.17, cross-checked with Samba's own local view
 * of the same registry ({@code net registry}, through SambaRegistry). Every write goes to a private key,
 * HKLM\Software\smbkit-test\RANDOM, removed at the end.
 *
 * <p>What Samba 4.17 allows over winreg, as seen here: an administrator (BUILTIN\Administrators) creates keys
 * with their missing parents in one BaseRegCreateKey, writes and reads values of any type, and deletes keys
 * and values; deleting a key that still has subkeys is ERROR_ACCESS_DENIED, as on Windows. A plain user opens
 * HKLM and reads ordinary keys, but every write is ERROR_ACCESS_DENIED, and Software\Samba\smbconf (the
 * registry configuration) cannot even be opened. Samba's BaseRegEnumValue answers ERROR_MORE_DATA for a
 * value larger than the caller's buffer without saying how large it is (BaseRegQueryValue does say).
 */
@Tag("lab")
class RemoteRegistryLabTest {

    static final String PARENT = "Software\\smbkit-test";
    static final String KEY = PARENT + "\\" + UUID.randomUUID().toString().substring(0, 8);

    static SmbConnection admin;
    static RemoteRegistry registry;
    static SambaRegistry local;

    static SmbConnection connect(Path authFile) {
        AuthFile a = AuthFile.read(authFile);
        return SmbConnection.open(Target.parse(Lab.HOST), Credentials.user(a.domain(), a.user(), a.password()),
                SmbConnection.Options.defaults());
    }

    @BeforeAll
    static void up() {
        Lab.up();
        admin = connect(Lab.ADMIN_AUTH);
        registry = new RemoteRegistry(admin);
        local = new SambaRegistry(new SambaTools(Path.of(Lab.conf())));
    }

    @AfterAll
    static void cleanUp() {
        if (admin == null) {
            return;
        }
        try {
            removeTree(KEY);
            try {
                registry.deleteKey(PARENT); // shared with other runs: only when none of theirs is left in it
            } catch (SmbkitException stillUsed) {
                // another run's key is still there
            }
            assertFalse(registry.keyExists(KEY), "the private key is gone");
        } finally {
            admin.close();
        }
    }

    static void removeTree(String key) {
        for (String sub : registry.subkeys(key)) {
            removeTree(key + "\\" + sub);
        }
        registry.deleteKey(key);
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void valuesOfEveryKindRoundTripAndSambaSeesTheSameBytes() {
        String key = KEY + "\\values";
        Map<String, RegistryValue> written = new LinkedHashMap<>();
        written.put("RestrictAnonymous", RegistryValue.dword(2));
        written.put("Comment", RegistryValue.string("smbkit winreg lab test"));
        written.put("NullSessionPipes", RegistryValue.multiString(List.of("spoolss", "netlogon")));
        // Larger than the client's first 4 KiB buffer: ERROR_MORE_DATA on both QueryValue and EnumValue.
        written.put("Big", new RegistryValue(RegistryValue.REG_BINARY, bytes(10_000, 328459)));
        written.forEach((name, value) -> registry.set(key, name, value));

        written.forEach((name, value) -> assertEquals(Optional.of(value), registry.get(key, name), name));
        assertEquals(written, registry.values(key));
        assertEquals(Optional.of(written.get("RestrictAnonymous")), local.get(key, "RestrictAnonymous"), "net registry reads the DWORD");
        assertEquals(Optional.of(written.get("Comment")), local.get(key, "Comment"), "net registry reads the string");
        assertEquals(Optional.of(written.get("NullSessionPipes")), local.get(key, "NullSessionPipes"), "net registry reads the list");

        local.set(key, "WrittenBySamba", RegistryValue.dword(7));
        assertEquals(Optional.of(RegistryValue.dword(7)), registry.get(key, "WrittenBySamba"), "and winreg reads what net wrote");

        registry.set(key, "RestrictAnonymous", RegistryValue.dword(0));
        assertEquals(Optional.of(RegistryValue.dword(0)), registry.get(key, "RestrictAnonymous"), "a value is overwritten in place");

        for (String name : List.of("RestrictAnonymous", "Comment", "NullSessionPipes", "Big", "WrittenBySamba")) {
            registry.delete(key, name);
            assertEquals(Optional.empty(), registry.get(key, name), name + " deleted");
        }
        registry.delete(key, "NullSessionPipes"); // already gone: not an error
        assertEquals(Map.of(), registry.values(key));
        assertEquals(Optional.empty(), registry.get(key + "\\no-such-key", "v"), "a missing key reads as no value");
    }

    @Test
    void keysAreCreatedWithTheirParentsListedAndDeletedLeafFirst() {
        String a = KEY + "\\tree\\a";
        registry.createKey(a + "\\b1"); // one BaseRegCreateKey creates tree, a and b1
        registry.createKey(a + "\\b2");
        assertTrue(registry.keyExists(a));
        assertEquals(List.of("a"), registry.subkeys(KEY + "\\tree"));
        assertEquals(Set.of("b1", "b2"), new TreeSet<>(registry.subkeys(a)));
        assertEquals(Set.of("b1", "b2"), new TreeSet<>(local.subkeys(a)), "net registry lists the same subkeys");

        SmbkitException e = assertThrows(SmbkitException.class, () -> registry.deleteKey(a));
        assertEquals(Failure.ACCESS_DENIED, e.failure());
        assertTrue(e.oneLine().contains("has subkeys") && e.oneLine().contains("Delete its subkeys first"), e.oneLine());
        assertTrue(registry.keyExists(a + "\\b1"), "nothing was deleted");

        registry.deleteKey(a + "\\b1");
        registry.deleteKey(a + "\\b2");
        registry.deleteKey(a);
        registry.deleteKey(KEY + "\\tree");
        assertFalse(registry.keyExists(KEY + "\\tree"));
        assertEquals(List.of(), registry.subkeys(KEY + "\\tree"), "a missing key has no subkeys");
        registry.deleteKey(KEY + "\\tree"); // already gone: not an error
    }

    @Test
    void sambasRegistryConfigurationReadsAsNetConfKeepsIt() throws Exception {
        assertTrue(registry.keyExists(RegistryKeys.SAMBA_CONF), "the lab includes its registry configuration");
        // A [global] section of the registry configuration, made here rather than expected from an earlier test.
        try (AutoCloseable global = Lab.global("log level", "1")) {
            readsAsNetConfKeepsIt();
        }
    }

    private void readsAsNetConfKeepsIt() throws InterruptedException {
        // Other test runs on the shared lab may remove and restore a printer share in between: read again then.
        List<String> remote = null;
        List<String> viaNet = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            remote = registry.subkeys(RegistryKeys.SAMBA_CONF);
            viaNet = local.subkeys(RegistryKeys.SAMBA_CONF);
            if (remote.equals(viaNet) && remote.contains("laser")
                    && registry.values(RegistryKeys.SAMBA_CONF + "\\laser").equals(local.values(RegistryKeys.SAMBA_CONF + "\\laser"))) {
                break;
            }
            Thread.sleep(1000);
        }
        assertEquals(viaNet, remote);
        assertTrue(remote.contains("global"), remote.toString());
        Map<String, RegistryValue> laser = registry.values(RegistryKeys.SAMBA_CONF + "\\laser");
        assertEquals(RegistryValue.string("yes"), laser.get("printable"), laser.toString());
        assertEquals(RegistryValue.string("Lab laser printer"), laser.get("comment"), laser.toString());
        assertEquals(local.values(RegistryKeys.SAMBA_CONF + "\\laser"), laser);
    }

    @Test
    void aPlainUserReadsButEveryWriteIsAccessDenied() {
        registry.set(KEY + "\\readable", "v", RegistryValue.string("x"));
        try (SmbConnection user = connect(Lab.USER_AUTH)) {
            RemoteRegistry asUser = new RemoteRegistry(user);
            assertTrue(asUser.keyExists("SYSTEM"));
            assertTrue(asUser.subkeys("Software").contains("Samba"), "ordinary keys are readable");
            assertEquals(Optional.of(RegistryValue.string("x")), asUser.get(KEY + "\\readable", "v"), "keys inherit read for everyone");

            SmbkitException set = assertThrows(SmbkitException.class, () -> asUser.set(KEY + "\\readable", "v", RegistryValue.string("y")));
            assertEquals(Failure.ACCESS_DENIED, set.failure());
            assertEquals(Lab.HOST + ": access denied to BaseRegCreateKey HKLM\\" + KEY + "\\readable (ERROR_ACCESS_DENIED)."
                    + " Use an account in the server's Administrators group", set.oneLine());
            assertEquals(Failure.ACCESS_DENIED, assertThrows(SmbkitException.class, () -> asUser.deleteKey(KEY + "\\readable")).failure());
            assertEquals(Failure.ACCESS_DENIED, assertThrows(SmbkitException.class, () -> asUser.delete(KEY + "\\readable", "v")).failure());
            assertEquals(Failure.ACCESS_DENIED, assertThrows(SmbkitException.class, () -> asUser.createKey(KEY + "\\mine")).failure());

            SmbkitException conf = assertThrows(SmbkitException.class, () -> asUser.values(RegistryKeys.SAMBA_GLOBAL));
            assertEquals(Failure.ACCESS_DENIED, conf.failure(), "Samba's configuration is for administrators only");
        }
        assertEquals(Optional.of(RegistryValue.string("x")), registry.get(KEY + "\\readable", "v"), "nothing changed");
        assertFalse(registry.keyExists(KEY + "\\mine"));
        registry.delete(KEY + "\\readable", "v");
        registry.deleteKey(KEY + "\\readable");
    }
}
