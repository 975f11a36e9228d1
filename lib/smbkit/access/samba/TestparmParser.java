package smbkit.access.samba;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import smbkit.model.Limits;
import smbkit.model.Share;

/**
 * {@code testparm -s} as shares, shaped like Samba's srvsvc level 2 answers: printable shares as STYPE_PRINTQ,
 * IPC$ always there as a special IPC share on C:\tmp, paths as "C:" plus backslashes, max connections 0 as
 * unlimited. The listing leaves out what NetrShareEnumAll leaves out (browseable = no, available = no) and
 * the [homes] and [printers] templates; one share by name is found either way, as NetrShareGetInfo finds it.
 */
public final class TestparmParser {

    private TestparmParser() {}

    static final String IPC_PATH = "C:\\tmp";

    /** Section name to its parameters (lower-case names), in file order. */
    public static Map<String, Map<String, String>> sections(String text) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = new LinkedHashMap<>();
                out.put(line.substring(1, line.length() - 1), current);
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return out;
    }

    /**
     * The shares a client enumerating the server would see, IPC$ last.
     *
     * @param serverString the expanded server string ({@code testparm -v}): without -v a default one is left out
     */
    public static List<Share> shares(String text, String serverString, Map<String, Long> usesByShare) {
        return collect(text, serverString, usesByShare, true);
    }

    /** Every share, hidden ones too. */
    public static List<Share> allShares(String text, String serverString, Map<String, Long> usesByShare) {
        return collect(text, serverString, usesByShare, false);
    }

    /** One share by name, hidden or not (case-insensitive, as Samba matches share names). */
    public static Optional<Share> share(String text, String name, String serverString, Map<String, Long> usesByShare) {
        return allShares(text, serverString, usesByShare).stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    private static List<Share> collect(String text, String serverString, Map<String, Long> usesByShare, boolean enumerableOnly) {
        List<Share> out = new ArrayList<>();
        sections(text).forEach((name, p) -> {
            boolean hidden = no(p.get("browseable")) || no(p.get("available"));
            if (isShare(name) && !(enumerableOnly && hidden)) {
                out.add(share(name, p, usesByShare));
            }
        });
        out.add(ipc(serverString, usesByShare));
        return out;
    }

    private static boolean isShare(String section) {
        return !section.equalsIgnoreCase("global") && !section.equalsIgnoreCase("homes") && !section.equalsIgnoreCase("printers");
    }

    private static Share share(String name, Map<String, String> p, Map<String, Long> usesByShare) {
        boolean printer = yes(p.get("printable")) || yes(p.get("print ok"));
        long type = (printer ? Share.STYPE_PRINTQ : Share.STYPE_DISKTREE) | (yes(p.get("administrative share")) ? Share.STYPE_SPECIAL : 0);
        long max = parseOr(p.get("max connections"), 0);
        return new Share(name, type, p.getOrDefault("comment", ""), 0L, max == 0 ? Limits.UNLIMITED : max,
                usesByShare.getOrDefault(name.toLowerCase(Locale.ROOT), 0L), SmbstatusParser.windowsPath(p.getOrDefault("path", "")), null);
    }

    /** Samba's built-in IPC$: its remark names the server string, its path is /tmp. */
    private static Share ipc(String serverString, Map<String, Long> usesByShare) {
        return new Share("IPC$", Share.STYPE_SPECIAL | Share.STYPE_IPC, "IPC Service (" + serverString + ")", 0L, Limits.UNLIMITED,
                usesByShare.getOrDefault("ipc$", 0L), IPC_PATH, null);
    }

    private static long parseOr(String v, long otherwise) {
        try {
            return v == null ? otherwise : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static boolean yes(String v) {
        return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true") || v.equals("1"));
    }

    static boolean no(String v) {
        return v != null && (v.equalsIgnoreCase("no") || v.equalsIgnoreCase("false") || v.equals("0"));
    }
}
