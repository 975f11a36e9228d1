package smbkit.change;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * Backups and records of changes, as JSON files a person can read and a runbook can keep. A file is written
 * whole or not at all (a temporary file moved in place), so a run cut short never leaves half a backup.
 */
public final class Records {

    private Records() {}

    /** A default file name: {@code <what>-<host>-<yyyyMMdd-HHmmss>.json} in the current directory. */
    public static Path defaultPath(String what, String host) {
        return defaultPath(what, host, "json");
    }

    /** The same with another extension (.reg for registry backups). */
    public static Path defaultPath(String what, String host, String extension) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of(what + "-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + stamp + "." + extension);
    }

    public static void write(Path path, Map<String, Object> content) {
        try {
            Path abs = path.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
            Files.writeString(tmp, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES)
                    .asString(content) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write " + path + ": " + e.getMessage(),
                    "Choose a writable place for it; nothing was changed on the server", e);
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

    /** A JSON file as maps and lists, whatever its top level. */
    public static Object readAny(Path path) {
        try {
            return JSON.std.anyFrom(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new SmbkitException(Failure.FILE_ERROR, path + " does not exist", "Give the file a backup was written to", e);
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + path + ": " + e.getMessage(),
                    "It must be a file smbkit wrote, unchanged", e);
        }
    }
}
