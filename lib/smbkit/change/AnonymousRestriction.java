package smbkit.change;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.io.RegFile;
import smbkit.io.SafeFiles;
import smbkit.kb.AnonymousSetting;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;

/**
 * KB 328459's Method 1 on one server: read the values that govern NULL sessions, change the restriction
 * level, and put back exactly what was there. Windows reads RestrictAnonymous (Lsa); Samba ignores it and
 * has its own 'restrict anonymous', which can be changed remotely only where its configuration lives in
 * the registry (HKLM\Software\Samba\smbconf).
 */
public final class AnonymousRestriction {

    private AnonymousRestriction() {}

    public enum Flavour { WINDOWS, SAMBA_REGISTRY, NONE }

    /** One setting as read: its current value (empty: absent) and what that means (data; render says it). */
    public record Row(AnonymousSetting setting, Optional<RegistryValue> value) {

        public AnonymousSetting.Meaning meaning() {
            return setting.meaningOf(value);
        }
    }

    /** What was read, which setting governs, and why. */
    public record Reading(Flavour flavour, String why, List<Row> rows) {}

    public static Reading read(ServerAccess server) {
        ServerInfo info = server.serverInfoOrNull();
        boolean samba = info != null && info.isSamba();
        Registry registry;
        try {
            registry = server.registry();
            if (samba && !registry.keyExists(RegistryKeys.SAMBA_CONF)) {
                return new Reading(Flavour.NONE, "Samba ignores RestrictAnonymous, and its configuration is not in its "
                        + "registry: on that machine, set 'restrict anonymous = N' in the [global] section of smb.conf "
                        + "and run 'smbcontrol smbd reload-config'", List.of());
            }
        } catch (SmbkitException e) {
            if (e.failure() == Failure.ACCESS_DENIED) {
                throw e;
            }
            return new Reading(Flavour.NONE, e.oneLine(), List.of());
        }
        List<Row> rows = new ArrayList<>();
        if (samba) {
            AnonymousSetting s = AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS;
            rows.add(new Row(s, registry.get(s.key(), s.name())));
            return new Reading(Flavour.SAMBA_REGISTRY, "Samba ignores HKLM\\" + RegistryKeys.LSA + "\\RestrictAnonymous; "
                    + "its own 'restrict anonymous' lives in its registry configuration here, and applies to new connections", rows);
        }
        for (AnonymousSetting s : AnonymousSetting.WINDOWS) {
            rows.add(new Row(s, registry.get(s.key(), s.name())));
        }
        return new Reading(Flavour.WINDOWS, "Windows reads RestrictAnonymous and the LanmanServer NULL-session values", rows);
    }

    /** The setting a level is written to, as it is now (for the backup). */
    public static RegFile.Entry current(Reading r) {
        AnonymousSetting s = governing(r);
        return new RegFile.Entry(s.key(), s.name(), r.rows().stream().filter(x -> x.setting() == s).findFirst()
                .map(Row::value).orElse(Optional.empty()));
    }

    /** The value a level is written as: a DWORD for Windows, a string parameter for Samba. */
    public static RegFile.Entry target(Reading r, int level) {
        if (level < 0 || level > 2) {
            throw new SmbkitException(Failure.USAGE, "restriction level " + level + " is not 0, 1 or 2",
                    "0: no restriction, 1: no enumeration by NULL sessions, 2: NULL sessions refused");
        }
        AnonymousSetting s = governing(r);
        RegistryValue v = r.flavour() == Flavour.SAMBA_REGISTRY ? RegistryValue.string(Integer.toString(level)) : RegistryValue.dword(level);
        return new RegFile.Entry(s.key(), s.name(), Optional.of(v));
    }

    private static AnonymousSetting governing(Reading r) {
        return switch (r.flavour()) {
            case WINDOWS -> AnonymousSetting.RESTRICT_ANONYMOUS;
            case SAMBA_REGISTRY -> AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS;
            case NONE -> throw new SmbkitException(Failure.NOT_AVAILABLE, "no setting smbkit can change there", r.why());
        };
    }

    /** The step's name in its backups. */
    public static final String TOOL = "restrict-anonymous";

    /** The values this step backs up and changes, with the type it writes: nothing else may come from a backup. */
    private static final List<AnonymousSetting> RESTORABLE = List.of(AnonymousSetting.RESTRICT_ANONYMOUS,
            AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS);

    /** Writes the sealed .reg backup of what is there now, never over another file; returns where it went. */
    public static Path writeBackup(Path file, String host, List<RegFile.Entry> entries) {
        String text = RegBackup.sealed(TOOL, host, List.of("smbkit restrict-anonymous backup of " + host + ", " + Instant.now(),
                "A value written as - was absent: restoring deletes it.",
                "Restore with: smb-restrict-anonymous " + host + " --restore " + file.getFileName() + " --apply"), entries);
        return SafeFiles.createNew(file, text);
    }

    /**
     * A backup checked whole before anything is written: sealed, written by this step, and holding only the
     * values this step backs up (RestrictAnonymous on Windows, 'restrict anonymous' in Samba's registry
     * configuration), each absent or of the type this step writes. Anything else is refused, named.
     */
    public static RegBackup readBackup(Path file) {
        byte[] bytes = SafeFiles.read(file, MAX_BACKUP, "backup", "Give the .reg file restrict-anonymous wrote");
        RegBackup b = RegBackup.readSealed(RegFile.text(bytes));
        if (!TOOL.equals(b.tool())) {
            throw refused(file, "it is a backup of " + b.tool() + ", not of restrict-anonymous");
        }
        if (b.entries().isEmpty()) {
            throw refused(file, "it holds no value");
        }
        for (RegFile.Entry e : b.entries()) {
            AnonymousSetting s = RESTORABLE.stream().filter(x -> x.key().equalsIgnoreCase(e.key())
                    && x.name().equalsIgnoreCase(e.name())).findFirst().orElse(null);
            String what = "HKLM\\" + e.key() + "\\" + e.name();
            if (s == null) {
                throw refused(file, "it sets " + what + ", which restrict-anonymous never backs up");
            }
            int type = s == AnonymousSetting.RESTRICT_ANONYMOUS ? RegistryValue.REG_DWORD : RegistryValue.REG_SZ;
            if (e.value().isPresent() && e.value().get().type() != type) {
                throw refused(file, "it sets " + what + " as " + e.value().get().typeName() + ", not as "
                        + new RegistryValue(type, new byte[0]).typeName());
            }
        }
        return b;
    }

    /** A backup's values are a few lines. */
    static final long MAX_BACKUP = 1 << 20;

    private static SmbkitException refused(Path file, String why) {
        return new SmbkitException(Failure.FILE_ERROR, "refused to restore " + file + ": " + why,
                "Nothing was changed; give the .reg file restrict-anonymous wrote, unchanged");
    }

    /** Writes each entry (absent: deletes the value), then reads them all back; returns what differs. */
    public static List<String> write(Registry registry, List<RegFile.Entry> entries) {
        for (RegFile.Entry e : entries) {
            if (e.value().isPresent()) {
                registry.set(e.key(), e.name(), e.value().get());
            } else {
                registry.delete(e.key(), e.name());
            }
        }
        List<String> differences = new ArrayList<>();
        for (RegFile.Entry e : entries) {
            Optional<RegistryValue> now = registry.get(e.key(), e.name());
            if (!now.equals(e.value())) {
                differences.add("HKLM\\" + e.key() + "\\" + e.name() + " is " + now.map(RegistryValue::toString).orElse("absent")
                        + ", not " + e.value().map(RegistryValue::toString).orElse("absent"));
            }
        }
        return differences;
    }
}
