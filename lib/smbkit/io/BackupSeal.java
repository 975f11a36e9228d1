package smbkit.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * The seal of a backup: HMAC-SHA256 under a key only this user has (backup.key in the state directory, 0600,
 * made on the first backup). A plain checksum would catch a backup cut short, but anyone could re-seal a
 * forged one; with the key, a backup restores only if smbkit wrote it for this user, so no file can make
 * smbkit change what it did not back up. To restore on another machine, copy the key file there.
 */
public final class BackupSeal {

    private BackupSeal() {}

    static final String KEY_FILE = "backup.key";
    private static final int KEY_BYTES = 32;

    /** The seal of {@code text} under this user's key (made now if there is none yet). */
    public static String of(String text) {
        return hmac(key(true), text);
    }

    /** Whether {@code seal} is {@code text}'s seal under this user's key; false when there is no key. */
    public static boolean matches(String text, String seal) {
        byte[] key = key(false);
        return key != null && seal != null
                && MessageDigest.isEqual(hmac(key, text).getBytes(StandardCharsets.US_ASCII),
                        seal.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Where the key lives, for messages. */
    public static Path keyFile() {
        return SafeFiles.stateDir().resolve(KEY_FILE);
    }

    private static String hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot seal a backup: " + e.getMessage(), null, e);
        }
    }

    private static synchronized byte[] key(boolean create) {
        Path file = keyFile();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (!create) {
                return null;
            }
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.write(file, fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                return fresh;
            } catch (FileAlreadyExistsException raced) {
                // another run made it first: read theirs
            } catch (IOException e) {
                throw new SmbkitException(Failure.FILE_ERROR, "cannot create the backup key " + file + ": " + e.getMessage(),
                        "Set XDG_STATE_HOME to a writable directory", e);
            }
        }
        byte[] key = SafeFiles.read(file, 1024, "backup key", "Remove it to have a new one made (backups sealed with it will no longer restore)");
        if (key.length < KEY_BYTES) {
            throw new SmbkitException(Failure.FILE_ERROR, "the backup key " + file + " is too short",
                    "Remove it to have a new one made (backups sealed with it will no longer restore)");
        }
        return key;
    }
}
