package smbkit.access.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.jna.platform.win32.WinNT;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.windows.WindowsRegistry;
import smbkit.model.RegistryValue;

/**
 * WindowsRegistry's advapi32 calls against an in-memory HKLM ({@link FakeAdvApi}): values kept as raw typed
 * bytes both ways, every type listed, keys created along their path, absent things not errors, a refusal
 * from an unelevated process as ACCESS_DENIED, the 64-bit view, and every key handle closed.
 */
class WindowsRegistryTest {

    static final String LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa";
    static final String LANMAN = "SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters";

    final FakeAdvApi fake = new FakeAdvApi();
    final WindowsRegistry registry = new WindowsRegistry(fake);

    @AfterEach
    void everyKeyClosed() {
        assertEquals(0, fake.openHandles(), "key handles left open");
    }

    @Test
    void multiStringsAndDwordsRoundTripByteForByte() {
        RegistryValue pipes = RegistryValue.multiString(List.of("spoolss", "netlogon", "lsarpc"));
        registry.set(LANMAN, "NullSessionPipes", pipes);
        registry.set(LSA, "RestrictAnonymous", RegistryValue.dword(1));

        assertArrayEquals(pipes.data(), fake.stored(LANMAN, "NullSessionPipes").data(), "written as given");
        assertEquals(RegistryValue.REG_MULTI_SZ, fake.stored(LANMAN, "NullSessionPipes").type());
        assertEquals(Optional.of(pipes), registry.get(LANMAN, "NullSessionPipes"));
        assertArrayEquals(new byte[] {1, 0, 0, 0}, registry.get(LSA, "RestrictAnonymous").orElseThrow().data());
        assertEquals(RegistryValue.REG_DWORD, registry.get(LSA, "restrictanonymous").orElseThrow().type(),
                "names compare without case, as on Windows");
    }

    @Test
    void oddlyStoredValuesComeBackExactlyAsStored() {
        // a REG_MULTI_SZ some tool wrote without its final empty string, and an empty one: kept as they are
        byte[] unterminated = "spoolss\0".getBytes(StandardCharsets.UTF_16LE);
        fake.value(LANMAN, "NullSessionPipes", RegistryValue.REG_MULTI_SZ, unterminated)
                .value(LANMAN, "NullSessionShares", RegistryValue.REG_MULTI_SZ, new byte[0]);
        assertArrayEquals(unterminated, registry.get(LANMAN, "NullSessionPipes").orElseThrow().data());
        assertArrayEquals(new byte[0], registry.get(LANMAN, "NullSessionShares").orElseThrow().data());

        registry.set(LANMAN, "NullSessionPipes", registry.get(LANMAN, "NullSessionPipes").orElseThrow());
        assertArrayEquals(unterminated, fake.stored(LANMAN, "NullSessionPipes").data(), "a restore writes back the same bytes");
    }

    @Test
    void everyValueOfAKeyIsListedWhateverItsType() {
        // jna-platform's registryGetValues rejects the last three; a backup must keep them all
        fake.value(LSA, "RestrictAnonymous", RegistryValue.REG_DWORD, new byte[] {0, 0, 0, 0})
                .value(LSA, "Notification Packages", RegistryValue.REG_MULTI_SZ, RegistryValue.multiString(List.of("scecli")).data())
                .value(LSA, "", RegistryValue.REG_SZ, RegistryValue.string("default").data())
                .value(LSA, "Marker", RegistryValue.REG_NONE, new byte[0])
                .value(LSA, "Resources", 8 /* REG_RESOURCE_LIST */, new byte[] {1, 2, 3})
                .value(LSA, "EmptyDword", RegistryValue.REG_DWORD, new byte[0]);

        Map<String, RegistryValue> values = registry.values(LSA);

        assertEquals(List.of("RestrictAnonymous", "Notification Packages", "", "Marker", "Resources", "EmptyDword"),
                List.copyOf(values.keySet()));
        assertEquals(new RegistryValue(8, new byte[] {1, 2, 3}), values.get("Resources"));
        assertEquals(new RegistryValue(RegistryValue.REG_NONE, new byte[0]), values.get("Marker"));
        assertEquals("default", values.get("").asString());
    }

    @Test
    void whatIsAbsentIsEmptyNotAnError() {
        assertFalse(registry.keyExists(LSA));
        assertEquals(Optional.empty(), registry.get(LSA, "RestrictAnonymous"));
        assertEquals(Map.of(), registry.values(LSA));
        assertEquals(List.of(), registry.subkeys(LSA));
        registry.delete(LSA, "RestrictAnonymous");
        registry.deleteKey(LSA);

        registry.createKey(LSA);
        assertTrue(registry.keyExists(LSA));
        assertEquals(Optional.empty(), registry.get(LSA, "RestrictAnonymous"));
        registry.delete(LSA, "RestrictAnonymous");
    }

    @Test
    void keysAreCreatedAlongTheirPathListedAndDeleted() {
        registry.set("SOFTWARE\\smbkit\\test\\one", "x", RegistryValue.dword(1));
        registry.createKey("SOFTWARE\\smbkit\\test\\Two");

        assertTrue(registry.keyExists("SOFTWARE\\smbkit"));
        assertEquals(List.of("one", "Two"), registry.subkeys("SOFTWARE\\smbkit\\test"));

        registry.deleteKey("SOFTWARE\\smbkit\\test\\Two");
        assertEquals(List.of("one"), registry.subkeys("SOFTWARE\\smbkit\\test"));
        registry.delete("SOFTWARE\\smbkit\\test\\one", "x");
        assertEquals(Map.of(), registry.values("SOFTWARE\\smbkit\\test\\one"));
    }

    @Test
    void anUnelevatedProcessReadsButItsWritesAreAccessDeniedWithTheHint() {
        fake.value(LSA, "RestrictAnonymous", RegistryValue.REG_DWORD, new byte[] {0, 0, 0, 0});
        fake.elevated = false;

        assertEquals(RegistryValue.dword(0), registry.get(LSA, "RestrictAnonymous").orElseThrow());
        for (Runnable write : List.<Runnable>of(
                () -> registry.set(LSA, "RestrictAnonymous", RegistryValue.dword(1)),
                () -> registry.delete(LSA, "RestrictAnonymous"),
                () -> registry.createKey(LSA + "\\new"))) {
            SmbkitException e = assertThrows(SmbkitException.class, write::run);
            assertEquals(Failure.ACCESS_DENIED, e.failure());
            assertEquals(15, e.failure().exitCode());
            assertTrue(e.oneLine().contains("HKLM\\" + LSA) && e.oneLine().contains("elevated prompt"), e.oneLine());
        }
        assertEquals(RegistryValue.dword(0), registry.get(LSA, "RestrictAnonymous").orElseThrow(), "nothing changed");
    }

    @Test
    void aValueThatGrowsBetweenItsSizeAndItsReadIsReadWhole() {
        fake.value(LANMAN, "NullSessionPipes", RegistryValue.REG_MULTI_SZ, RegistryValue.multiString(List.of("a")).data());
        fake.growNextRead = 6;
        byte[] read = registry.get(LANMAN, "NullSessionPipes").orElseThrow().data();
        assertEquals(12, read.length);
        assertArrayEquals(fake.stored(LANMAN, "NullSessionPipes").data(), read);
    }

    @Test
    void alwaysTheSixtyFourBitView() {
        registry.set(LSA, "RestrictAnonymous", RegistryValue.dword(1));
        registry.get(LSA, "RestrictAnonymous");
        registry.values(LSA);
        registry.deleteKey(LSA + "\\none");
        assertFalse(fake.access.isEmpty());
        fake.access.forEach(a -> assertEquals(WinNT.KEY_WOW64_64KEY, a & WinNT.KEY_WOW64_64KEY, "access 0x" + Integer.toHexString(a)));
    }
}
