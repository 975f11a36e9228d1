package smbkit.access.samba;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import smbkit.model.Share;

/**
 * {@code testparm -s} as shares, shaped like the remote listing: printable shares as STYPE_PRINTQ, IPC$
 * always there as a special IPC share, paths as "C:" plus backslashes, max connections 0 as unlimited.
 */
public final class TestparmParser {

    private TestparmParser() {}

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

    public static List<Share> shares(String text, Map<String, Long> usesByShare) {
        Map<String, Map<String, String>> sections = sections(text);
        String serverString = sections.getOrDefault("global", Map.of()).getOrDefault("server string", "Samba");
        List<Share> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
            String name = s.getKey();
            if (name.equalsIgnoreCase("global") || name.equalsIgnoreCase("homes") || name.equalsIgnoreCase("printers")) {
                continue;
            }
            Map<String, String> p = s.getValue();
            boolean printer = yes(p.get("printable")) || yes(p.get("print ok"));
            long max = Long.parseLong(p.getOrDefault("max connections", "0"));
            out.add(new Share(name, printer ? Share.STYPE_PRINTQ : Share.STYPE_DISKTREE, p.getOrDefault("comment", ""), 0L,
                    max == 0 ? 0xFFFFFFFFL : max, usesByShare.getOrDefault(name.toLowerCase(Locale.ROOT), 0L),
                    SmbstatusParser.windowsPath(p.getOrDefault("path", "")), null));
        }
        out.add(new Share("IPC$", Share.STYPE_SPECIAL | Share.STYPE_IPC, "IPC Service (" + serverString + ")", 0L, 0xFFFFFFFFL,
                usesByShare.getOrDefault("ipc$", 0L), "C:\\tmp", null));
        return out;
    }

    static boolean yes(String v) {
        return v != null && (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true") || v.equals("1"));
    }
}
