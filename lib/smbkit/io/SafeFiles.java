package smbkit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * The one way smbkit writes and reads its files. A file is written whole or not at all: a temporary file
 * beside it, created exclusively (never through a link someone planted there) and readable by its owner
 * only (backups, records and reports hold user names, paths and registry configuration), then moved in
 * place. A backup is never overwritten: a second one in the same second gets a suffix. Reading refuses what
 * is not a regular file (a FIFO would hang) and anything larger than a cap (/dev/zero would exhaust memory).
 * Every failure is one line with FILE_ERROR (21).
 */
public final class SafeFiles {

    private SafeFiles() {}

    /** A cap for JSON records, snapshots and backups. */
    public static final long JSON_CAP = 64L << 20;

    /** Where smbkit keeps what it writes by default: $XDG_STATE_HOME/smbkit, else ~/.local/state/smbkit. */
    public static Path stateDir() {
        return stateDir(System.getenv());
    }

    static Path stateDir(Map<String, String> env) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        Path dir = base.resolve("smbkit");
        try {
            Files.createDirectories(base);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, ownerOnlyDir());
            }
            if (posix(dir)) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return dir;
        } catch (IOException | UnsupportedOperationException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot create smbkit's state directory " + dir + ": " + reason(e),
                    "Set XDG_STATE_HOME to a writable directory, or give the file's place explicitly", e);
        }
    }

    /** Writes the file whole, replacing what is there (a report, a snapshot, a record being updated). */
    public static Path replace(Path path, byte[] content) {
        return write(path, content, true);
    }

    /** Writes the file whole, never over an existing one: a name taken gets -2, -3... before its extension. */
    public static Path createNew(Path path, byte[] content) {
        return write(path, content, false);
    }

    public static Path replace(Path path, String text) {
        return replace(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path createNew(Path path, String text) {
        return createNew(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path write(Path path, byte[] content, boolean overwrite) {
        Path abs = path.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Path dir = abs.getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
            if (overwrite && Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new SmbkitException(Failure.FILE_ERROR, "cannot write " + path + ": it is a directory",
                        "Give a file name");
            }
            tmp = temporary(abs, content);
            if (overwrite) {
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
                tmp = null;
                return abs;
            }
            for (int n = 1; n < 1000; n++) {
                Path candidate = n == 1 ? abs : suffixed(abs, n);
                try {
                    // a hard link is created exclusively and atomically: it fails when the name is taken,
                    // by a file or by a link
                    Files.createLink(candidate, tmp);
                    Files.delete(tmp);
                    tmp = null;
                    return candidate;
                } catch (FileAlreadyExistsException e) {
                    continue;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    // no hard links here: a move without REPLACE_EXISTING still refuses a name that is taken
                    if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    Files.move(tmp, candidate);
                    tmp = null;
                    return candidate;
                }
            }
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write " + path + ": 999 files of that name exist already",
                    "Move old backups away");
        } catch (IOException | UnsupportedOperationException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write " + path + ": " + reason(e),
                    "Choose a writable place for it", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the temporary stays; it holds nothing the target would not have held
                }
            }
        }
    }

    /** The content in a new temporary file beside the target, owner-only, created exclusively, synced. */
    private static Path temporary(Path abs, byte[] content) throws IOException {
        Path dir = abs.getParent();
        String base = abs.getFileName().toString();
        SecureRandom random = new SecureRandom();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            String name = attempt == 0 ? base + ".part"
                    : base + "." + HexFormat.of().toHexDigits(random.nextInt()) + ".part";
            Path tmp = dir.resolve(name);
            try {
                create(tmp, content);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                last = e; // something is there, perhaps a planted link: never write through it, take another name
            }
        }
        throw last;
    }

    private static final Set<OpenOption> CREATE_EXCLUSIVE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    private static void create(Path tmp, byte[] content) throws IOException {
        FileAttribute<?>[] attrs = posix(tmp.getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        boolean created = false;
        try (FileChannel ch = FileChannel.open(tmp, CREATE_EXCLUSIVE, attrs)) {
            created = true;
            if (posix(tmp.getParent())) {
                // the umask may have taken more away, never added: make it exactly 0600
                Files.setPosixFilePermissions(tmp, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            if (created) {
                Files.deleteIfExists(tmp);
            }
            throw e;
        }
    }

    /** Reads a whole file of at most {@code cap} bytes; {@code what} names it in messages ("authentication file"). */
    public static byte[] read(Path path, long cap, String what, String hint) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SmbkitException(Failure.FILE_ERROR, what + " " + path + " does not exist", hint, e);
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + what + " " + path + ": " + reason(e), hint, e);
        }
        if (!attrs.isRegularFile()) {
            throw new SmbkitException(Failure.FILE_ERROR, what + " " + path + " is not a regular file"
                    + (attrs.isDirectory() ? " but a directory" : " (a device, pipe or socket)"), hint);
        }
        if (attrs.size() > cap) {
            throw new SmbkitException(Failure.FILE_ERROR, what + " " + path + " is larger than " + size(cap)
                    + " (" + attrs.size() + " bytes)", hint);
        }
        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, cap + 1));
            if (bytes.length > cap) {
                throw new SmbkitException(Failure.FILE_ERROR, what + " " + path + " is larger than " + size(cap), hint);
            }
            return bytes;
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + what + " " + path + ": " + reason(e), hint, e);
        }
    }

    public static String readText(Path path, long cap, String what, String hint) {
        return new String(read(path, cap, what, hint), StandardCharsets.UTF_8);
    }

    private static String size(long cap) {
        return cap >= 1 << 20 ? (cap >> 20) + " MiB" : cap >= 1024 ? (cap >> 10) + " KiB" : cap + " bytes";
    }

    private static Path suffixed(Path abs, int n) {
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        return abs.resolveSibling(stem + "-" + n + ext);
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnlyDir() {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory" + (n.getFile() == null ? "" : " (" + n.getFile() + ")");
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
