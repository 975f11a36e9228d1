package smbkit.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import smbkit.kb.AnonymousSetting.Code;
import smbkit.model.RegistryValue;

/** What each value that governs NULL sessions means, as data (the words: render.SettingTextTest). */
class AnonymousSettingTest {

    @Test
    void settingsSayWhatTheyMeanForNullSessions() {
        assertEquals(Code.REFUSED, AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.dword(2))).code());
        assertEquals(Code.NO_RESTRICTION, AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.empty()).code(), "absent is 0");
        AnonymousSetting.Meaning pipes = AnonymousSetting.NULL_SESSION_PIPES.meaningOf(
                Optional.of(RegistryValue.multiString(List.of("spoolss", "COMNAP"))));
        assertEquals(Code.PIPES, pipes.code());
        assertEquals(List.of("spoolss", "COMNAP"), pipes.items());
        assertEquals("spoolss", pipes.suspect());
        assertNull(AnonymousSetting.NULL_SESSION_SHARES.meaningOf(Optional.of(RegistryValue.multiString(List.of("spoolss")))).suspect(),
                "the KB suspects a pipe, not a share");
        assertEquals(Code.SAMBA_REFUSED, AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.string("2"))).code());
        AnonymousSetting.Meaning odd = AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.dword(7)));
        assertEquals(Code.UNDEFINED, odd.code());
        assertEquals("7", odd.value());
    }
}
