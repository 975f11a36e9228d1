package smbkit.kb;

import static smbkit.model.RegistryKeys.LANMAN;
import static smbkit.model.RegistryKeys.LSA;
import static smbkit.model.RegistryKeys.SAMBA_GLOBAL;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import smbkit.model.RegistryValue;

/**
 * One registry value that governs NULL sessions (KB 328459, Method 1), and what its current value means.
 * Windows reads them from the Lsa and LanmanServer keys; Samba ignores those and has its own
 * {@code restrict anonymous}, which lives under Software\Samba\smbconf\global when its configuration is
 * in the registry.
 */
public record AnonymousSetting(String key, String name, Function<Optional<RegistryValue>, String> meaning) {

    public String meaningOf(Optional<RegistryValue> value) {
        return meaning.apply(value);
    }

    public static final AnonymousSetting RESTRICT_ANONYMOUS = new AnonymousSetting(LSA, "RestrictAnonymous",
            v -> switch ((int) dword(v, 0)) {
                case 0 -> "0: no restriction beyond default permissions: NULL sessions connect and may enumerate shares and accounts";
                case 1 -> "1: NULL sessions may not enumerate accounts and shares (they still connect)";
                case 2 -> "2: no access without explicit anonymous permissions: NULL sessions are refused";
                default -> dword(v, 0) + ": not a value the KB defines";
            });

    public static final AnonymousSetting RESTRICT_ANONYMOUS_SAM = new AnonymousSetting(LSA, "RestrictAnonymousSAM",
            v -> dword(v, 1) != 0 ? "anonymous users may not enumerate SAM accounts" : "anonymous users may enumerate SAM accounts");

    public static final AnonymousSetting EVERYONE_INCLUDES_ANONYMOUS = new AnonymousSetting(LSA, "EveryoneIncludesAnonymous",
            v -> dword(v, 0) != 0 ? "Everyone's permissions apply to anonymous users too"
                    : "Everyone's permissions do not apply to anonymous users");

    public static final AnonymousSetting RESTRICT_NULL_SESS_ACCESS = new AnonymousSetting(LANMAN, "RestrictNullSessAccess",
            v -> dword(v, 1) != 0 ? "NULL sessions reach only the pipes and shares listed below"
                    : "NULL sessions reach any pipe and share their permissions allow");

    public static final AnonymousSetting NULL_SESSION_PIPES = new AnonymousSetting(LANMAN, "NullSessionPipes",
            v -> list(v, "pipes a NULL session may open", "spoolss"));

    public static final AnonymousSetting NULL_SESSION_SHARES = new AnonymousSetting(LANMAN, "NullSessionShares",
            v -> list(v, "shares a NULL session may connect to", null));

    public static final AnonymousSetting SAMBA_RESTRICT_ANONYMOUS = new AnonymousSetting(SAMBA_GLOBAL, "restrict anonymous",
            v -> switch (v.map(x -> x.asString().strip()).orElse("0")) {
                case "0" -> "0 (Samba): anonymous users may connect and enumerate";
                case "1" -> "1 (Samba): anonymous users may not enumerate users and shares";
                case "2" -> "2 (Samba): anonymous connections to IPC$ are refused";
                default -> v.get().asString() + " (Samba): not a value Samba defines";
            });

    public static final List<AnonymousSetting> WINDOWS = List.of(RESTRICT_ANONYMOUS, RESTRICT_ANONYMOUS_SAM,
            EVERYONE_INCLUDES_ANONYMOUS, RESTRICT_NULL_SESS_ACCESS, NULL_SESSION_PIPES, NULL_SESSION_SHARES);

    static long dword(Optional<RegistryValue> v, long absent) {
        // a REG_DWORD of another size than four bytes reads as absent here (and "unreadable" where it is shown)
        return v.filter(x -> x.type() == RegistryValue.REG_DWORD && x.isDword()).map(RegistryValue::asDword).orElse(absent);
    }

    static String list(Optional<RegistryValue> v, String what, String kbSuspect) {
        if (v.isEmpty() || v.get().asMultiString().isEmpty()) {
            return "no " + what;
        }
        List<String> items = v.get().asMultiString();
        String text = what + ": " + String.join(", ", items);
        return kbSuspect != null && items.stream().anyMatch(kbSuspect::equalsIgnoreCase)
                ? text + " (" + kbSuspect + " is the KB's suspect)" : text;
    }
}
