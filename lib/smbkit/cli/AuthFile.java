package smbkit.cli;

import java.nio.file.Path;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.io.SafeFiles;

/**
 * smbclient's authentication file ({@code -A}): {@code username = }, {@code password = }, {@code domain = }
 * lines; {@code #} and {@code ;} start comments. The user may carry its domain (DOMAIN/user or DOMAIN\\user).
 */
public record AuthFile(String domain, String user, char[] password) {

    /** smbclient's files are a few lines: anything larger is not one (and /dev/zero must not fill the heap). */
    public static final long MAX_BYTES = 64 << 10;

    public static AuthFile read(Path path) {
        String text = SafeFiles.readText(path, MAX_BYTES, "authentication file",
                "Give a file with 'username =', 'password =' and optionally 'domain =' lines");
        String domain = null;
        String user = null;
        char[] password = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            switch (key) {
                case "username" -> user = value;
                case "password" -> password = value.toCharArray();
                case "domain", "workgroup" -> domain = value;
                default -> { }
            }
        }
        if (user == null || user.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "authentication file " + path + " has no 'username =' line", null);
        }
        UserSpec u = UserSpec.parse(user);
        return new AuthFile(u.domain() != null ? u.domain() : domain, u.user(), password);
    }
}
