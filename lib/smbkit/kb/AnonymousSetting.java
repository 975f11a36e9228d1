package smbkit.kb;

import static smbkit.model.RegistryKeys.LANMAN;
import static smbkit.model.RegistryKeys.LSA;
import static smbkit.model.RegistryKeys.SAMBA_GLOBAL;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import smbkit.model.RegistryValue;

/**
 * One registry value that governs NULL sessions (KB 328459, Method 1), and what its current value means (a
 * {@link Meaning}, data; its words are render.SettingText's).
 * Windows reads them from the Lsa and LanmanServer keys; Samba ignores those and has its own
 * {@code restrict anonymous}, which lives under Software\Samba\smbconf\global when its configuration is
 * in the registry.
 */
public record AnonymousSetting(String key, String name, Function<Optional<RegistryValue>, Meaning> meaning) {

    public Meaning meaningOf(Optional<RegistryValue> value) {
        return meaning.apply(value);
    }

    /** What a value means for NULL sessions, one code per setting and value (render.SettingText has the words). */
    public enum Code {
        /** RestrictAnonymous 0 (or absent): NULL sessions connect and may enumerate shares and accounts. */
        NO_RESTRICTION,
        /** RestrictAnonymous 1: no enumeration of accounts and shares; they still connect. */
        NO_ENUMERATION,
        /** RestrictAnonymous 2: no access without explicit anonymous permissions. */
        REFUSED,
        /** A RestrictAnonymous the KB does not define ({@code value}). */
        UNDEFINED,
        SAM_HIDDEN,
        SAM_LISTED,
        EVERYONE_INCLUDES_ANONYMOUS,
        EVERYONE_EXCLUDES_ANONYMOUS,
        /** RestrictNullSessAccess on: only the listed pipes and shares. */
        LISTED_ONLY,
        /** RestrictNullSessAccess off: whatever permissions allow. */
        ANY_ALLOWED,
        /** NullSessionPipes: {@code items} (empty: none). */
        PIPES,
        /** NullSessionShares: {@code items} (empty: none). */
        SHARES,
        /** Samba's restrict anonymous 0, 1, 2, or a value Samba does not define ({@code value}). */
        SAMBA_NO_RESTRICTION,
        SAMBA_NO_ENUMERATION,
        SAMBA_REFUSED,
        SAMBA_UNDEFINED
    }

    /**
     * A value's meaning as data: its code, the value as read ({@code value}: the number or Samba's text), the
     * items of a list, and {@code suspect}: the KB's suspect when the list holds it (else null).
     */
    public record Meaning(Code code, String value, List<String> items, String suspect) {

        public Meaning {
            items = List.copyOf(items);
        }

        static Meaning of(Code code, Object value) {
            return new Meaning(code, String.valueOf(value), List.of(), null);
        }
    }

    public static final AnonymousSetting RESTRICT_ANONYMOUS = new AnonymousSetting(LSA, "RestrictAnonymous",
            v -> Meaning.of(switch ((int) dword(v, 0)) {
                case 0 -> Code.NO_RESTRICTION;
                case 1 -> Code.NO_ENUMERATION;
                case 2 -> Code.REFUSED;
                default -> Code.UNDEFINED;
            }, dword(v, 0)));

    public static final AnonymousSetting RESTRICT_ANONYMOUS_SAM = new AnonymousSetting(LSA, "RestrictAnonymousSAM",
            v -> Meaning.of(dword(v, 1) != 0 ? Code.SAM_HIDDEN : Code.SAM_LISTED, dword(v, 1)));

    public static final AnonymousSetting EVERYONE_INCLUDES_ANONYMOUS = new AnonymousSetting(LSA, "EveryoneIncludesAnonymous",
            v -> Meaning.of(dword(v, 0) != 0 ? Code.EVERYONE_INCLUDES_ANONYMOUS : Code.EVERYONE_EXCLUDES_ANONYMOUS, dword(v, 0)));

    public static final AnonymousSetting RESTRICT_NULL_SESS_ACCESS = new AnonymousSetting(LANMAN, "RestrictNullSessAccess",
            v -> Meaning.of(dword(v, 1) != 0 ? Code.LISTED_ONLY : Code.ANY_ALLOWED, dword(v, 1)));

    public static final AnonymousSetting NULL_SESSION_PIPES = new AnonymousSetting(LANMAN, "NullSessionPipes",
            v -> list(Code.PIPES, v, "spoolss"));

    public static final AnonymousSetting NULL_SESSION_SHARES = new AnonymousSetting(LANMAN, "NullSessionShares",
            v -> list(Code.SHARES, v, null));

    public static final AnonymousSetting SAMBA_RESTRICT_ANONYMOUS = new AnonymousSetting(SAMBA_GLOBAL, "restrict anonymous",
            v -> {
                String text = v.map(x -> x.asString().strip()).orElse("0");
                Code code = switch (text) {
                    case "0" -> Code.SAMBA_NO_RESTRICTION;
                    case "1" -> Code.SAMBA_NO_ENUMERATION;
                    case "2" -> Code.SAMBA_REFUSED;
                    default -> Code.SAMBA_UNDEFINED;
                };
                return Meaning.of(code, code == Code.SAMBA_UNDEFINED ? v.get().asString() : text);
            });

    public static final List<AnonymousSetting> WINDOWS = List.of(RESTRICT_ANONYMOUS, RESTRICT_ANONYMOUS_SAM,
            EVERYONE_INCLUDES_ANONYMOUS, RESTRICT_NULL_SESS_ACCESS, NULL_SESSION_PIPES, NULL_SESSION_SHARES);

    static long dword(Optional<RegistryValue> v, long absent) {
        // a REG_DWORD of another size than four bytes reads as absent here (and "unreadable" where it is shown)
        return v.filter(x -> x.type() == RegistryValue.REG_DWORD && x.isDword()).map(RegistryValue::asDword).orElse(absent);
    }

    static Meaning list(Code code, Optional<RegistryValue> v, String kbSuspect) {
        List<String> items = v.isEmpty() ? List.of() : v.get().asMultiString();
        String suspect = kbSuspect != null && items.stream().anyMatch(kbSuspect::equalsIgnoreCase) ? kbSuspect : null;
        return new Meaning(code, null, items, suspect);
    }
}
