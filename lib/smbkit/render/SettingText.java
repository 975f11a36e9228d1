package smbkit.render;

import smbkit.kb.AnonymousSetting.Meaning;

/** The words of what a NULL-session setting's value means (kb.AnonymousSetting), the one place they are made. */
public final class SettingText {

    private SettingText() {}

    public static String meaning(Meaning m) {
        return switch (m.code()) {
            case NO_RESTRICTION -> "0: no restriction beyond default permissions: NULL sessions connect and may enumerate shares and accounts";
            case NO_ENUMERATION -> "1: NULL sessions may not enumerate accounts and shares (they still connect)";
            case REFUSED -> "2: no access without explicit anonymous permissions: NULL sessions are refused";
            case UNDEFINED -> m.value() + ": not a value the KB defines";
            case SAM_HIDDEN -> "anonymous users may not enumerate SAM accounts";
            case SAM_LISTED -> "anonymous users may enumerate SAM accounts";
            case EVERYONE_INCLUDES_ANONYMOUS -> "Everyone's permissions apply to anonymous users too";
            case EVERYONE_EXCLUDES_ANONYMOUS -> "Everyone's permissions do not apply to anonymous users";
            case LISTED_ONLY -> "NULL sessions reach only the pipes and shares listed below";
            case ANY_ALLOWED -> "NULL sessions reach any pipe and share their permissions allow";
            case PIPES -> list(m, "pipes a NULL session may open");
            case SHARES -> list(m, "shares a NULL session may connect to");
            case SAMBA_NO_RESTRICTION -> "0 (Samba): anonymous users may connect and enumerate";
            case SAMBA_NO_ENUMERATION -> "1 (Samba): anonymous users may not enumerate users and shares";
            case SAMBA_REFUSED -> "2 (Samba): anonymous connections to IPC$ are refused";
            case SAMBA_UNDEFINED -> m.value() + " (Samba): not a value Samba defines";
        };
    }

    private static String list(Meaning m, String what) {
        if (m.items().isEmpty()) {
            return "no " + what;
        }
        String text = what + ": " + String.join(", ", m.items());
        return m.suspect() == null ? text : text + " (" + m.suspect() + " is the KB's suspect)";
    }
}
