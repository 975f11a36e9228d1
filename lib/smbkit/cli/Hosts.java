package smbkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.Target;

/**
 * The hosts of a run over many machines: named on the command line, read from a file (one a line, # for
 * comments), or as an IPv4 range ({@code 10.0.0.1-40}, {@code 10.0.0.0/28}). Every host is checked as
 * {@link Target#parse} checks it before anything connects.
 */
public final class Hosts {

    /** A hosts file is read whole: 4 MiB holds far more hosts than any scan would take. */
    static final long HOSTS_FILE_CAP = 4L << 20;

    private Hosts() {}

    /** More than this many addresses in one range is a typo, not a workgroup. */
    static final int MAX_RANGE = 4096;

    public static List<String> collect(List<String> args, Path file) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : args) {
            out.addAll(expand(a.strip()));
        }
        if (file != null) {
            int before = out.size();
            boolean named = false;
            {
                String text = smbkit.io.SafeFiles.readText(file, HOSTS_FILE_CAP, "hosts file",
                        "Give a text file with one host a line (# for comments)");
                for (String line : text.split("\r?\n")) {
                    String l = line.replaceAll("#.*", "").strip();
                    if (!l.isEmpty()) {
                        for (String part : l.split("[\\s,]+")) {
                            out.addAll(expand(part));
                            named = true;
                        }
                    }
                }
            }
            if (!named && out.size() == before) {
                throw new SmbkitException(Failure.USAGE, "hosts file " + file + " names no host",
                        "Put one host a line in it (# for comments); without HOST or --hosts-file smbkit works on this machine");
            }
        }
        return new ArrayList<>(out);
    }

    /** A single host, or every address of an IPv4 range; each checked, none looked up. */
    public static List<String> expand(String spec) {
        if (spec.matches("[0-9.]+-[0-9]*") || spec.matches("[0-9.]+/[0-9]*")) {
            return range(spec);
        }
        Target.parse(spec);
        return List.of(spec);
    }

    private static List<String> range(String spec) {
        boolean dash = spec.contains("-");
        String[] p = spec.split(dash ? "-" : "/", -1);
        if (!Target.isIpv4(p[0]) || !p[1].matches("[0-9]{1,3}")) {
            throw notARange(spec);
        }
        int n = Integer.parseInt(p[1]);
        List<String> out = new ArrayList<>();
        if (dash) {
            int from = Integer.parseInt(p[0].substring(p[0].lastIndexOf('.') + 1));
            if (from > n || n > 255) {
                throw notARange(spec);
            }
            String base = p[0].substring(0, p[0].lastIndexOf('.') + 1);
            for (int i = from; i <= n; i++) {
                out.add(base + i);
            }
            return out;
        }
        if (n < 20 || n > 32) {
            throw new SmbkitException(Failure.USAGE, "'" + spec + "' is larger than " + MAX_RANGE + " addresses or not a prefix",
                    "Give a /20 to /32 network");
        }
        long base = toLong(p[0]) & (0xFFFFFFFFL << (32 - n));
        long count = 1L << (32 - n);
        for (long i = count > 2 ? 1 : 0; i < (count > 2 ? count - 1 : count); i++) {
            out.add(toIp(base + i));
        }
        return out;
    }

    private static SmbkitException notARange(String spec) {
        return new SmbkitException(Failure.USAGE, "'" + Target.shown(spec) + "' is not an address range",
                "Write it as 10.0.0.1-40 (the last octet, up to 255) or 10.0.0.0/24");
    }

    private static long toLong(String ip) {
        long v = 0;
        for (String o : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(o);
        }
        return v;
    }

    private static String toIp(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }
}
