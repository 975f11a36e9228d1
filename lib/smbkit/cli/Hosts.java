package smbkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * The hosts of a run over many machines: named on the command line, read from a file (one a line, # for
 * comments), or as an IPv4 range ({@code 10.0.0.1-40}, {@code 10.0.0.0/28}).
 */
public final class Hosts {

    private Hosts() {}

    /** More than this many addresses in one range is a typo, not a workgroup. */
    static final int MAX_RANGE = 4096;

    public static List<String> collect(List<String> args, Path file) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : args) {
            out.addAll(expand(a.strip()));
        }
        if (file != null) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String l = line.replaceAll("#.*", "").strip();
                    if (!l.isEmpty()) {
                        for (String part : l.split("[\\s,]+")) {
                            out.addAll(expand(part));
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                throw new SmbkitException(Failure.FILE_ERROR, "hosts file " + file + " does not exist", null, e);
            } catch (IOException e) {
                throw new SmbkitException(Failure.FILE_ERROR, "cannot read hosts file " + file + ": " + e.getMessage(), null, e);
            }
        }
        return new ArrayList<>(out);
    }

    /** A single host, or every address of an IPv4 range. */
    public static List<String> expand(String spec) {
        if (spec.matches("\\d+\\.\\d+\\.\\d+\\.\\d+-\\d+")) {
            String base = spec.substring(0, spec.lastIndexOf('.') + 1);
            int from = Integer.parseInt(spec.substring(spec.lastIndexOf('.') + 1, spec.indexOf('-')));
            int to = Integer.parseInt(spec.substring(spec.indexOf('-') + 1));
            if (from > to || to > 255) {
                throw new SmbkitException(Failure.USAGE, "'" + spec + "' is not a range", "Write it as 10.0.0.1-40");
            }
            List<String> out = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                out.add(base + i);
            }
            return out;
        }
        if (spec.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            String[] p = spec.split("/");
            int bits = Integer.parseInt(p[1]);
            if (bits < 20 || bits > 32) {
                throw new SmbkitException(Failure.USAGE, "'" + spec + "' is larger than " + MAX_RANGE + " addresses or not a prefix",
                        "Give a /20 to /32 network");
            }
            long base = toLong(p[0]) & (0xFFFFFFFFL << (32 - bits));
            long count = 1L << (32 - bits);
            List<String> out = new ArrayList<>();
            for (long i = count > 2 ? 1 : 0; i < (count > 2 ? count - 1 : count); i++) {
                out.add(toIp(base + i));
            }
            return out;
        }
        return List.of(spec);
    }

    private static long toLong(String ip) {
        long v = 0;
        for (String o : ip.split("\\.")) {
            int n = Integer.parseInt(o);
            if (n > 255) {
                throw new SmbkitException(Failure.USAGE, "'" + ip + "' is not an IPv4 address", null);
            }
            v = (v << 8) | n;
        }
        return v;
    }

    private static String toIp(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
