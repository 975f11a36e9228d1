package smbkit.change;

import java.util.ArrayList;
import java.util.List;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.io.BackupSeal;
import smbkit.io.RegFile;

/**
 * A change step's backup as read: the step that wrote it, the host it names and its values, in regedit's
 * format ({@link RegFile}) with the step and host as comments and a seal as its last line.
 */
public record RegBackup(String tool, String host, List<RegFile.Entry> entries) {

    /** The comment lines that make a backup: which step wrote it, for which host, and the seal at its end. */
    public static final String TOOL = "smbkit-tool: ";
    public static final String HOST = "smbkit-host: ";
    public static final String SEAL = "smbkit-hmac-sha256: ";

    /**
     * A backup in regedit's format with the step and host as comments and, as its last line, the SHA-256 of
     * everything before it: a backup cut short or changed is refused rather than half restored.
     */
    public static String sealed(String tool, String host, List<String> comments, List<RegFile.Entry> entries) {
        List<String> all = new ArrayList<>();
        all.add(TOOL + tool);
        all.add(HOST + host);
        all.addAll(comments);
        String body = RegFile.write(all, entries);
        return body + "; " + SEAL + BackupSeal.of(body) + "\r\n";
    }

    /** Reads a sealed backup; anything incomplete, changed or unsealed is FILE_ERROR, before any value is used. */
    public static RegBackup readSealed(String text) {
        int at = text.lastIndexOf("; " + SEAL);
        if (at < 0 || (at > 0 && text.charAt(at - 1) != '\n')) {
            throw new SmbkitException(Failure.FILE_ERROR, "the backup has no seal line at its end: it is incomplete "
                    + "(cut short), or not a backup this version of smbkit wrote", "Nothing was changed; give the .reg file smbkit wrote, unchanged");
        }
        String body = text.substring(0, at);
        String seal = text.substring(at + 2 + SEAL.length()).strip();
        if (!BackupSeal.matches(body, seal)) {
            throw new SmbkitException(Failure.FILE_ERROR, "the backup does not match its seal: it was changed or damaged, or "
                    + "smbkit did not write it for this user (the seal's key is " + BackupSeal.keyFile() + ")",
                    "Nothing was changed; give the .reg file smbkit wrote, unchanged (from another machine, copy its key here too)");
        }
        String tool = comment(body, TOOL);
        String host = comment(body, HOST);
        if (tool == null || host == null) {
            throw new SmbkitException(Failure.FILE_ERROR, "the backup does not say which step and host it is for",
                    "Nothing was changed; give the .reg file smbkit wrote, unchanged");
        }
        return new RegBackup(tool, host, RegFile.parse(body));
    }

    private static String comment(String body, String prefix) {
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("; " + prefix)) {
                return line.substring(2 + prefix.length()).strip();
            }
        }
        return null;
    }
}
