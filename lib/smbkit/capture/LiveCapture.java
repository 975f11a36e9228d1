package smbkit.capture;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.io.SafeFiles;

/**
 * smb-capture --live: captures the SMB ports on one interface with dumpcap (Wireshark's capture engine) or
 * tcpdump, whichever is installed, for a bounded time and size, into a file only this user can read: a new
 * one in smbkit's state directory (removed once read) or the one asked for (--save, never over an existing
 * file). The tool writes to its standard output, which smbkit opened: it never opens a path itself, so it may
 * drop privileges as tcpdump does. The file is then read as any capture file.
 */
public final class LiveCapture {

    /** At most this long, whatever --seconds says: a day. */
    public static final int MAX_SECONDS = 86_400;
    /** The capture stops at this size (dumpcap's own limit, smbkit's watch on tcpdump). */
    public static final long MAX_BYTES = 2L << 30;

    public record Tool(String name, Path path) {}

    private LiveCapture() {}

    /** dumpcap first, then tcpdump, on the PATH given; null when neither is there. */
    public static Tool find(String pathEnv) {
        if (pathEnv == null) {
            return null;
        }
        for (String name : List.of("dumpcap", "tcpdump")) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return new Tool(name, p);
                }
            }
        }
        return null;
    }

    /** The capture filter: TCP on 445, 139 and the ports given, and IPv4 fragments after the first. */
    public static String filter(Set<Integer> morePorts) {
        Set<Integer> ports = new TreeSet<>(morePorts);
        ports.add(139);
        ports.add(445);
        List<String> parts = new ArrayList<>();
        for (int p : ports) {
            parts.add("tcp port " + p);
        }
        parts.add("(ip[6:2] & 0x1fff) != 0");
        return String.join(" or ", parts);
    }

    static List<String> command(Tool tool, String iface, int seconds, Set<Integer> ports) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.path().toString());
        if (tool.name().equals("dumpcap")) {
            cmd.addAll(List.of("-q", "-i", iface, "-f", filter(ports), "-a", "duration:" + seconds,
                    "-a", "filesize:" + (MAX_BYTES / 1000), "-w", "-"));
        } else {
            cmd.addAll(List.of("-i", iface, "-n", "-s", "0", "-U", "-w", "-", filter(ports)));
        }
        return cmd;
    }

    /** Where a live capture goes when the user keeps none: a new file in the state directory's captures/. */
    static Path temporaryFile(String iface) {
        Path dir = SafeFiles.stateDir().resolve("captures");
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // created exclusively, rw------- (createTempFile's own attributes), under a random name
            String safe = iface.replaceAll("[^A-Za-z0-9_.-]", "_");
            return Files.createTempFile(dir, "live-" + safe + "-", ".pcapng");
        } catch (IOException | UnsupportedOperationException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot create a capture file in " + dir + ": " + e.getMessage(),
                    "Set XDG_STATE_HOME to a writable directory, or give --save FILE", e);
        }
    }

    /** The file --save names: new, owner-only; an existing name (file or link) is refused. */
    static Path newFile(Path path) {
        try {
            Path abs = path.toAbsolutePath();
            if (abs.getParent() != null && !Files.isDirectory(abs.getParent())) {
                Files.createDirectories(abs.getParent());
            }
            return Files.createFile(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write " + path + ": it exists already",
                    "Give a new file name (a capture is never written over another file)", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write " + path + ": " + e.getMessage(),
                    "Choose a writable place for it", e);
        }
    }

    /** The tool to capture with, from the PATH in {@code env}; a one-line failure (18) when there is none. */
    public static Tool tool(Map<String, String> env) {
        Tool tool = find(env.get("PATH"));
        if (tool == null) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, "cannot capture: neither dumpcap nor tcpdump is installed"
                    + " (looked in PATH)", "Install one (apt-get install tcpdump, or tshark for dumpcap), or capture "
                    + "elsewhere and give the file: smb-capture FILE");
        }
        return tool;
    }

    /** What a capture run left: the file and how many bytes the tool wrote. */
    public record Result(Path file, boolean temporary, Tool tool, long bytes) {}

    /**
     * Captures on {@code iface} for {@code seconds}; returns the file written. Throws a one-line failure when
     * neither tool is installed (18), the interface does not exist (17), capturing is not permitted (15),
     * or the tool fails otherwise (18).
     */
    public static Result run(Tool tool, String iface, int seconds, Set<Integer> ports, Path keep) {
        Path file = keep != null ? newFile(keep) : temporaryFile(iface);
        boolean done = false;
        try {
            long bytes = capture(tool, iface, seconds, ports, file);
            done = true;
            return new Result(file, keep == null, tool, bytes);
        } finally {
            if (!done && keep == null) {
                deleteQuietly(file);
            }
        }
    }

    private static long capture(Tool tool, String iface, int seconds, Set<Integer> ports, Path file) {
        ProcessBuilder pb = new ProcessBuilder(command(tool, iface, seconds, ports));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, "cannot start " + tool.path() + ": " + e.getMessage(),
                    "Check that " + tool.name() + " can be run by this user", e);
        }
        Process child = p;
        Thread hook = new Thread(child::destroy);
        Runtime.getRuntime().addShutdownHook(hook);
        StringBuilder err = new StringBuilder();
        Thread reader = new Thread(() -> drain(child.getErrorStream(), err),
                "capture-stderr");
        reader.setDaemon(true);
        reader.start();
        boolean stoppedByUs = false;
        try {
            // dumpcap stops itself after the duration (given 10 s more); tcpdump is stopped with SIGTERM, on
            // which it flushes what it captured and exits
            long grace = tool.name().equals("dumpcap") ? 10 : 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + grace);
            while (child.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || Files.size(file) > MAX_BYTES) {
                    stoppedByUs = true;
                    child.destroy();
                    if (!child.waitFor(5, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                        child.waitFor(5, TimeUnit.SECONDS);
                    }
                    break;
                }
                child.waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, 200), TimeUnit.MILLISECONDS);
            }
            reader.join(2000);
            int exit = child.isAlive() ? -1 : child.exitValue();
            if (exit != 0 && !stoppedByUs) {
                throw failure(tool, iface, exit, err.toString());
            }
            return Files.size(file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
            throw new SmbkitException(Failure.NETWORK, "the capture was interrupted", "Run it again", e);
        } catch (IOException e) {
            child.destroyForcibly();
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read the capture file " + file + ": " + e.getMessage(),
                    "Check the disk", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    private static void drain(InputStream in, StringBuilder err) {
        if (in == null) {
            return;
        }
        byte[] buf = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (err) {
                    err.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    if (err.length() > 16_384) {
                        err.delete(0, err.length() - 8192);
                    }
                }
            }
        } catch (IOException e) {
            // the tool is gone
        }
    }

    /** The tool's own last line, told as one of smbkit's failures. */
    static SmbkitException failure(Tool tool, String iface, int exit, String stderr) {
        String last = "";
        for (String line : stderr.strip().split("\n")) {
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        String said = last.isEmpty() ? "exit " + exit : last;
        String l = stderr.toLowerCase(Locale.ROOT);
        if (l.contains("no such device") || l.contains("doesn't exist") || l.contains("there is no device")
                || l.contains("no such interface") || l.contains("is not a known interface")) {
            return new SmbkitException(Failure.NOT_FOUND, "cannot capture on " + iface + ": no such interface (" + tool.name()
                    + ": " + said + ")", "List the interfaces with 'ip link' (or 'dumpcap -D'); 'any' captures on all");
        }
        if (l.contains("permission") || l.contains("not permitted") || l.contains("privileges")) {
            return new SmbkitException(Failure.ACCESS_DENIED, "cannot capture on " + iface + ": permission denied ("
                    + tool.name() + ": " + said + ")", "Run as root, or give this user capture rights (Debian: the"
                    + " wireshark group for dumpcap)");
        }
        return new SmbkitException(Failure.NOT_AVAILABLE, "cannot capture on " + iface + ": " + tool.name() + " failed ("
                + said + ")", "Run " + tool.name() + " by hand to see why, or capture elsewhere and give the file");
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it stays in the owner-only state directory
        }
    }
}
