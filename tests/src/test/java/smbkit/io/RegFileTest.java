package smbkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import smbkit.kb.AnonymousSetting;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.render.SettingText;

/** Method 1's backups: regedit's format, "absent" included, read back exactly. */
class RegFileTest {

    static final List<RegFile.Entry> ENTRIES = List.of(
            new RegFile.Entry(RegistryKeys.LSA, "RestrictAnonymous", Optional.of(RegistryValue.dword(1))),
            new RegFile.Entry(RegistryKeys.LSA, "EveryoneIncludesAnonymous", Optional.empty()),
            new RegFile.Entry(RegistryKeys.LANMAN, "NullSessionPipes",
                    Optional.of(RegistryValue.multiString(List.of("spoolss", "COMNAP", "SQL\\QUERY")))),
            new RegFile.Entry(RegistryKeys.SAMBA_GLOBAL, "restrict anonymous", Optional.of(RegistryValue.string("2 \"quoted\" \\"))));

    @Test
    void aBackupReadsLikeARegeditExportAndComesBackExactly() {
        String text = RegFile.write(List.of("backup of LABSRV"), ENTRIES);

        assertTrue(text.startsWith("Windows Registry Editor Version 5.00\r\n; backup of LABSRV"), text);
        assertTrue(text.contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa]\r\n\"RestrictAnonymous\"=dword:00000001"), text);
        assertTrue(text.contains("\"EveryoneIncludesAnonymous\"=-"), "absent is written as a deletion: " + text);
        assertTrue(text.contains("\"NullSessionPipes\"=hex(7):73,00,70,00"), text);
        assertEquals(ENTRIES, RegFile.parse(text));
    }

    @Test
    void regeditsOwnUtf16ExportIsReadToo() {
        String text = RegFile.write(List.of(), ENTRIES.subList(0, 2));
        byte[] utf16 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
        assertEquals(ENTRIES.subList(0, 2), RegFile.parse(RegFile.text(utf16)));
    }

    /** A REG_DWORD of two bytes (valid on the wire, meaningless): kept byte for byte, read without throwing. */
    @Test
    void aDwordOfTheWrongSizeIsKeptExactlyAndNeverThrows() {
        RegistryValue odd = new RegistryValue(RegistryValue.REG_DWORD, new byte[] {1, 0});
        List<RegFile.Entry> entries = List.of(new RegFile.Entry(RegistryKeys.LSA, "RestrictAnonymous", Optional.of(odd)));
        String text = RegFile.write(List.of(), entries);
        assertTrue(text.contains("\"RestrictAnonymous\"=hex(4):01,00"), text);
        assertEquals(entries, RegFile.parse(text));
        assertTrue(SettingText.meaning(AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.of(odd))).startsWith("0:"),
                "read as absent (its default), not thrown");
    }
}
