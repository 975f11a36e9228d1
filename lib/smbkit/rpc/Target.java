package smbkit.rpc;

import smbkit.Failure;
import smbkit.SmbkitException;

/** The server to talk to: a name or address and the SMB port (445 unless given as {@code HOST:PORT}). */
public record Target(String host, int port) {

    public static final int SMB_PORT = 445;

    /** Accepts {@code host}, {@code host:port}, {@code [v6]:port}, and the UNC forms {@code \\host} and {@code //host}. */
    public static Target parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("\\\\") || s.startsWith("//")) {
            s = s.substring(2);
        }
        while (s.endsWith("/") || s.endsWith("\\")) {
            s = s.substring(0, s.length() - 1);
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
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), spec);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("\\") || host.contains(" ")) {
            throw bad(spec);
        }
        return new Target(host, port);
    }

    private static int port(String p, String spec) {
        try {
            int n = Integer.parseInt(p);
            if (n > 0 && n < 65536) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw bad(spec);
    }

    private static SmbkitException bad(String spec) {
        return new SmbkitException(Failure.USAGE, "'" + spec + "' is not a host",
                "Give a name or address, optionally with :PORT (fileserver, 10.0.0.5, 127.0.0.1:4450)");
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
