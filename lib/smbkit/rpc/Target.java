package smbkit.rpc;

import java.net.InetAddress;
import java.net.UnknownHostException;

import smbkit.Failure;
import smbkit.SmbkitException;

/** The server to talk to: a name or address and the SMB port (445 unless given as {@code HOST:PORT}). */
public record Target(String host, int port) {

    public static final int SMB_PORT = 445;

    /** The longest DNS name. */
    static final int MAX_NAME = 253;

    /**
     * Accepts {@code host}, {@code host:port}, {@code v6}, {@code [v6]}, {@code [v6]:port}, and the UNC forms
     * {@code \\host} and {@code //host}. Checked without any lookup: a name is letters, digits, '-', '_' and
     * '.'; digits and dots only are an IPv4 address (so {@code 127.0.999.1} is refused, not looked up as a name).
     */
    public static Target parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("\\\\") || s.startsWith("//")) {
            s = s.substring(2);
        }
        while (s.endsWith("/") || s.endsWith("\\")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "an empty HOST",
                    "Name the server to query (fileserver, 10.0.0.5), or give no HOST to work on this machine");
        }
        String host = s;
        int port = SMB_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw bad(spec);
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw bad(spec);
                }
                port = port(s.substring(close + 2), spec);
            }
            if (!isIpv6(host)) {
                throw bad(spec);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') != s.lastIndexOf(':')) {
            if (!isIpv6(host)) {
                throw bad(spec);
            }
        } else if (s.indexOf(':') >= 0) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), spec);
        }
        if (!host.contains(":") && !isName(host)) {
            throw bad(spec);
        }
        return new Target(host, port);
    }

    /** A host name or an IPv4 address (digits and dots only: four octets of 0 to 255). */
    static boolean isName(String h) {
        if (h.isEmpty() || h.length() > MAX_NAME || !h.matches("[A-Za-z0-9_.-]+") || h.startsWith(".") || h.contains("..")) {
            return false;
        }
        if (!h.matches(".*[A-Za-z].*")) { // digits, dots and dashes: an address or a range, never a name
            return isIpv4(h);
        }
        return true;
    }

    /** Four decimal octets of 0 to 255. */
    public static boolean isIpv4(String h) {
        String[] o = h.split("\\.", -1);
        if (o.length != 4) {
            return false;
        }
        for (String p : o) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal, with an optional zone ({@code fe80::1%eth0}); checked by the JDK, which does no lookup for one. */
    public static boolean isIpv6(String h) {
        if (!h.contains(":") || !h.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?") || h.length() > 64) {
            return false;
        }
        try {
            // the address without its zone: a zone names an interface of this machine, which need not exist
            // where the HOST is checked (a zone is resolved when smbkit connects)
            InetAddress.getByName("[" + h.replaceFirst("%.*$", "") + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int port(String p, String spec) {
        if (p.matches("[0-9]{1,5}")) {
            int n = Integer.parseInt(p);
            if (n > 0 && n < 65536) {
                return n;
            }
        }
        throw bad(spec);
    }

    private static SmbkitException bad(String spec) {
        boolean secret = spec.indexOf('%') > 0 && !isIpv6(spec.replaceAll("^\\[|\\](:\\d*)?$", ""));
        return new SmbkitException(Failure.USAGE, "'" + shown(spec) + "' is not a host",
                secret ? "A USER%PASSWORD goes after -U (better: -A FILE or the prompt); the HOST is a name or address"
                        : "Give a name or address, optionally with :PORT (fileserver, 10.0.0.5, 127.0.0.1:4450, [::1]:445)");
    }

    /** An argument as messages may quote it: anything after a '%' (smbclient's USER%PASSWORD) hidden. */
    public static String shown(String spec) {
        if (spec == null) {
            return "";
        }
        int pct = spec.indexOf('%');
        String s = pct < 0 || isIpv6(spec.replaceAll("^\\[|\\](:\\d*)?$", "")) ? spec : spec.substring(0, pct) + "%****";
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /** An IPv6 literal ({@code ::1}, {@code fe80::1%eth0}). */
    public boolean isIpv6() {
        return host.contains(":");
    }

    /** The name a UNC path gives the host: an IPv6 literal as Windows spells it ({@code --1.ipv6-literal.net}). */
    public String uncName() {
        return isIpv6() ? host.replace(':', '-').replace('%', 's') + ".ipv6-literal.net" : host;
    }

    /** How messages name the target: the host, with the port only when it is not 445. */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == SMB_PORT ? h : h + ":" + port;
    }
}
