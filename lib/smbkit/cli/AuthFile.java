package smbkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * smbclient's authentication file ({@code -A}): {@code username = }, {@code password = }, {@code domain = }
 * lines; {@code #} and {@code ;} start comments. The user may carry its domain (DOMAIN/user or DOMAIN\\user).
 */
public record AuthFile(String domain, String user, char[] password) {

    public static AuthFile read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "authentication file " + path + " does not exist",
                    "Give a file with 'username =', 'password =' and optionally 'domain =' lines");
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read authentication file " + path + ": "
                    + e.getMessage(), null);
        }
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
