package smbkit.model;

/**
 * One open file or named pipe on the server, as {@code net files} lists it (FILE_INFO_3; level 2 gives only
 * the id, the other fields then null). Windows lists pipes as {@code \PIPE\name}; Samba never lists them.
 */
public record OpenFile(long id, Long permissions, Long locks, String path, String user) {

    public static final String PIPE_PREFIX = "\\PIPE\\";

    /** A named pipe rather than a file. */
    public boolean isPipe() {
        return path != null && path.regionMatches(true, 0, PIPE_PREFIX, 0, PIPE_PREFIX.length());
    }

    /** The pipe's name ("spoolss") or null for a file. */
    public String pipeName() {
        return isPipe() ? path.substring(PIPE_PREFIX.length()) : null;
    }
}
