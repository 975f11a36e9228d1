package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import smbkit.kb.AnonymousSetting;
import smbkit.model.RegistryValue;

/** What each value that governs NULL sessions means, in words. */
class SettingTextTest {

    static String words(AnonymousSetting s, Optional<RegistryValue> v) {
        return SettingText.meaning(s.meaningOf(v));
    }

    @Test
    void settingsSayWhatTheyMeanForNullSessions() {
        assertEquals("2: no access without explicit anonymous permissions: NULL sessions are refused",
                words(AnonymousSetting.RESTRICT_ANONYMOUS, Optional.of(RegistryValue.dword(2))));
        assertTrue(words(AnonymousSetting.RESTRICT_ANONYMOUS, Optional.empty()).startsWith("0:"), "absent is 0");
        assertEquals("pipes a NULL session may open: spoolss, COMNAP (spoolss is the KB's suspect)",
                words(AnonymousSetting.NULL_SESSION_PIPES, Optional.of(RegistryValue.multiString(List.of("spoolss", "COMNAP")))));
        assertEquals("2 (Samba): anonymous connections to IPC$ are refused",
                words(AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS, Optional.of(RegistryValue.string("2"))));
    }

    @Test
    void valuesNoOneDefinesAndEmptyListsAreSaidAsBefore() {
        assertEquals("7: not a value the KB defines", words(AnonymousSetting.RESTRICT_ANONYMOUS, Optional.of(RegistryValue.dword(7))));
        assertEquals(" 9 (Samba): not a value Samba defines",
                words(AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS, Optional.of(RegistryValue.string(" 9"))));
        assertEquals("0 (Samba): anonymous users may connect and enumerate", words(AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS, Optional.empty()));
        assertEquals("no shares a NULL session may connect to", words(AnonymousSetting.NULL_SESSION_SHARES, Optional.empty()));
        assertEquals("pipes a NULL session may open: COMNAP",
                words(AnonymousSetting.NULL_SESSION_PIPES, Optional.of(RegistryValue.multiString(List.of("COMNAP")))));
        assertEquals("anonymous users may not enumerate SAM accounts", words(AnonymousSetting.RESTRICT_ANONYMOUS_SAM, Optional.empty()));
        assertEquals("NULL sessions reach any pipe and share their permissions allow",
                words(AnonymousSetting.RESTRICT_NULL_SESS_ACCESS, Optional.of(RegistryValue.dword(0))));
    }

    @Test
    void everyMeaningHasWords() {
        for (AnonymousSetting.Code c : AnonymousSetting.Code.values()) {
            String w = SettingText.meaning(new AnonymousSetting.Meaning(c, "5", List.of(), null));
            assertTrue(w != null && !w.isBlank(), c.name());
        }
    }
}
