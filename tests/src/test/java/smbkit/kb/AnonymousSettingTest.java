package smbkit.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import smbkit.model.RegistryValue;

/** What each value that governs NULL sessions means. */
class AnonymousSettingTest {

    @Test
    void settingsSayWhatTheyMeanForNullSessions() {
        assertEquals("2: no access without explicit anonymous permissions: NULL sessions are refused",
                AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.dword(2))));
        assertTrue(AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.empty()).startsWith("0:"), "absent is 0");
        assertEquals("pipes a NULL session may open: spoolss, COMNAP (spoolss is the KB's suspect)",
                AnonymousSetting.NULL_SESSION_PIPES.meaningOf(Optional.of(RegistryValue.multiString(List.of("spoolss", "COMNAP")))));
        assertEquals("2 (Samba): anonymous connections to IPC$ are refused",
                AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.string("2"))));
    }
}
