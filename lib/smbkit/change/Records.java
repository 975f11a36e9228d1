package smbkit.change;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.io.BackupSeal;
import smbkit.io.SafeFiles;

/**
 * Backups and records of changes, as JSON files a person can read and a runbook can keep, written through
 * {@link SafeFiles} (whole or not at all, owner-only, never through a planted link). A backup is sealed: its
 * last field is the SHA-256 of the rest, so a backup cut short or changed is refused rather than half
 * restored; and a backup never replaces another.
 */
public final class Records {

    private Records() {}

    /** The field that seals a backup. */
    public static final String SEAL = "hmac_sha256";

    /** A default file name: {@code <what>-<host>-<yyyyMMdd-HHmmss>.json} in smbkit's state directory. */
    public static Path defaultPath(String what, String host) {
        return defaultPath(what, host, "json");
    }

    /** The same with another extension (.reg for registry backups). */
    public static Path defaultPath(String what, String host, String extension) {
        return SafeFiles.stateDir().resolve(fileName(what, host, extension));
    }

    /** The bare file name, for a directory the user chose. */
    public static String fileName(String what, String host, String extension) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return what + "-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp + "." + extension;
    }

    /** A record or snapshot, replacing what the file held (a record updated as a change goes on). */
    public static Path write(Path path, Map<String, Object> content) {
        return SafeFiles.replace(path, pretty(content));
    }

    /** A record or snapshot, never over an existing file: returns where it went (a suffix when the name was taken). */
    public static Path writeNew(Path path, Map<String, Object> content) {
        return SafeFiles.createNew(path, pretty(content));
    }

    /** A sealed backup, never over an existing file: returns where it went (a suffix when the name was taken). */
    public static Path writeBackup(Path path, Map<String, Object> content) {
        return SafeFiles.createNew(path, pretty(seal(content)));
    }

    /** The content with its seal as the last field. */
    static Map<String, Object> seal(Map<String, Object> content) {
        Map<String, Object> sealed = new LinkedHashMap<>(content);
        sealed.remove(SEAL);
        sealed.put(SEAL, digest(sealed));
        return sealed;
    }

    /** A sealed backup as written; damaged, cut short or unsealed ones are refused (FILE_ERROR). */
    public static Map<String, Object> readBackup(Path path) {
        Map<String, Object> m = read(path);
        Object seal = m.get(SEAL);
        if (!(seal instanceof String s)) {
            throw new SmbkitException(Failure.FILE_ERROR, path + " has no seal: it is incomplete, or not a backup "
                    + "this version of smbkit wrote", "Nothing was changed; give the backup file smbkit wrote, unchanged");
        }
        if (!BackupSeal.matches(canonical(m), s)) {
            throw new SmbkitException(Failure.FILE_ERROR, path + " does not match its seal: it was changed or damaged, or "
                    + "smbkit did not write it for this user (the seal's key is " + BackupSeal.keyFile() + ")",
                    "Nothing was changed; give the backup file smbkit wrote, unchanged (from another machine, copy its key here too)");
        }
        return m;
    }

    /**
     * A backup goes back to the host it names: restoring onto another one is refused (REFUSED_UNSAFE) unless
     * the user said so ({@code toOtherHost}). Hosts are compared as smbkit names them (HOST[:PORT], lower case).
     */
    public static void checkHost(Path file, String backupHost, String destination, boolean toOtherHost) {
        if (!toOtherHost && !backupHost.equalsIgnoreCase(destination)) {
            throw new SmbkitException(Failure.REFUSED_UNSAFE, "refused to restore " + file + " onto " + destination
                    + ": it is the backup of " + backupHost, "Nothing was changed there; drop the HOST to restore onto "
                    + backupHost + ", or add --to-other-host if you mean " + destination);
        }
    }

    /** The seal (this user's HMAC, see {@link BackupSeal}) of the compact JSON of everything but the seal. */
    static String digest(Map<String, Object> content) {
        return BackupSeal.of(canonical(content));
    }

    private static String canonical(Map<String, Object> content) {
        Map<String, Object> rest = new LinkedHashMap<>(content);
        rest.remove(SEAL);
        try {
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asString(rest);
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot compute a backup's seal: " + e.getMessage(), null, e);
        }
    }

    /** A record or snapshot as the files hold it (pretty JSON, nulls kept). */
    public static String json(Map<String, Object> content) {
        return pretty(content);
    }

    private static String pretty(Map<String, Object> content) {
        try {
            return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(content) + "\n";
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write a record: " + e.getMessage(), null, e);
        }
    }

    public static Map<String, Object> read(Path path) {
        Object json = readAny(path);
        if (json instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw new SmbkitException(Failure.FILE_ERROR, path + " is not a record smbkit wrote", "Give the file a backup was written to");
    }

    /** A JSON file as maps and lists, whatever its top level: a regular file of at most 64 MiB. */
    public static Object readAny(Path path) {
        String text = SafeFiles.readText(path, SafeFiles.JSON_CAP, "file", "Give a JSON file smbkit wrote");
        try {
            return JSON.std.anyFrom(text);
        } catch (IOException | RuntimeException e) {
            throw new SmbkitException(Failure.FILE_ERROR, path + " is not JSON smbkit can read: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    "It must be a file smbkit wrote, unchanged", e);
        }
    }
}
