package smbkit.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.RegistryValue;

/**
 * Registry values in regedit's export format (REGEDIT5), which a person can read and Windows can import:
 * {@code "Name"=dword:00000001}, {@code "Name"="text"}, {@code "Name"=hex(7):...}, and {@code "Name"=-} for a
 * value that was absent (in a .reg file that deletes it, which is exactly what restoring "absent" means).
 * The backups of the change steps are such files with a seal (change.RegBackup); Samba's {@code net registry
 * export} writes them too.
 */
public final class RegFile {

    private RegFile() {}

    public static final String HEADER = "Windows Registry Editor Version 5.00";
    public static final String HKLM = "HKEY_LOCAL_MACHINE\\";

    /** One value as it was: key below HKLM, name, and the value or empty for absent. */
    public record Entry(String key, String name, Optional<RegistryValue> value) {}

    public static String write(List<String> comments, List<Entry> entries) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        comments.forEach(c -> sb.append("; ").append(c).append("\r\n"));
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e));
        byKey.forEach((key, list) -> {
            sb.append("\r\n[").append(HKLM).append(key).append("]\r\n");
            for (Entry e : list) {
                sb.append(e.name().isEmpty() ? "@" : quote(e.name())).append('=')
                        .append(e.value().map(RegFile::data).orElse("-")).append("\r\n");
            }
        });
        return sb.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String data(RegistryValue v) {
        return switch (v.type()) {
            // a REG_DWORD of another size than four bytes is kept byte for byte, as regedit writes such a value
            case RegistryValue.REG_DWORD -> v.isDword() ? String.format("dword:%08x", v.asDword()) : "hex(4):" + hexList(v.data());
            case RegistryValue.REG_SZ -> quote(v.asString());
            case RegistryValue.REG_BINARY -> "hex:" + hexList(v.data());
            default -> "hex(" + Integer.toHexString(v.type()) + "):" + hexList(v.data());
        };
    }

    private static String hexList(byte[] b) {
        String hex = HexFormat.ofDelimiter(",").formatHex(b);
        // regedit wraps long lines with a trailing backslash; a person reads them better that way too
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String part : hex.isEmpty() ? new String[0] : hex.split(",")) {
            if (col > 0) {
                out.append(',');
                if (col % 25 == 0) {
                    out.append("\\\r\n  ");
                }
            }
            out.append(part);
            col++;
        }
        return out.toString();
    }

    public static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String key = null;
        String[] lines = text.replace("\r\n", "\n").replace("\\\n  ", "").split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith(";") || line.equals(HEADER)) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String k = line.substring(1, line.length() - 1);
                if (!k.regionMatches(true, 0, HKLM, 0, HKLM.length())) {
                    throw bad(n, "only HKEY_LOCAL_MACHINE keys are supported");
                }
                key = k.substring(HKLM.length());
                continue;
            }
            if (key == null) {
                throw bad(n, "a value before any [key]");
            }
            int[] end = new int[1];
            String name = line.startsWith("@") ? "" : unquote(line, end, n);
            int eq = line.startsWith("@") ? 1 : end[0];
            if (eq >= line.length() || line.charAt(eq) != '=') {
                throw bad(n, "expected = after the value name");
            }
            entries.add(new Entry(key, name, value(line.substring(eq + 1), n)));
        }
        return entries;
    }

    private static Optional<RegistryValue> value(String data, int n) {
        if (data.equals("-")) {
            return Optional.empty();
        }
        if (data.startsWith("dword:")) {
            String digits = data.substring(6);
            if (!digits.matches("[0-9A-Fa-f]{1,8}")) {
                throw bad(n, "dword:" + digits + " is not 1 to 8 hexadecimal digits");
            }
            return Optional.of(RegistryValue.dword(Long.parseLong(digits, 16)));
        }
        if (data.startsWith("\"")) {
            int[] end = new int[1];
            String text = unquote(data, end, n);
            if (end[0] != data.length()) {
                throw bad(n, "text after the closing quote");
            }
            return Optional.of(RegistryValue.string(text));
        }
        if (data.startsWith("hex")) {
            int colon = data.indexOf(':');
            int type = RegistryValue.REG_BINARY;
            if (data.startsWith("hex(")) {
                int close = data.indexOf(')');
                String t = close < 0 ? "" : data.substring(4, close);
                if (!t.matches("[0-9A-Fa-f]{1,8}") || colon != close + 1) {
                    throw bad(n, "hex(" + t + ") is not a value type");
                }
                type = (int) Long.parseLong(t, 16);
            } else if (colon != 3) {
                throw bad(n, "expected hex: or hex(TYPE):");
            }
            String hex = data.substring(colon + 1).replace(",", "").replace("\\", "").replaceAll("\\s", "");
            if (!hex.matches("([0-9A-Fa-f]{2})*")) {
                throw bad(n, "the hex data is not pairs of hexadecimal digits");
            }
            return Optional.of(new RegistryValue(type, HexFormat.of().parseHex(hex)));
        }
        throw bad(n, "unknown value data " + data);
    }

    private static String unquote(String s, int[] end, int n) {
        if (!s.startsWith("\"")) {
            throw bad(n, "expected a quoted name");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                out.append(s.charAt(++i));
            } else if (c == '"') {
                end[0] = i + 1;
                return out.toString();
            } else {
                out.append(c);
            }
        }
        throw bad(n, "unterminated string");
    }

    private static SmbkitException bad(int line, String what) {
        return new SmbkitException(Failure.FILE_ERROR, "not a backup smbkit can read: line " + (line + 1) + ": " + what,
                "Give the .reg file smbkit wrote, unchanged");
    }

    /** Reads a backup: UTF-8 as smbkit writes it, or UTF-16LE with a byte-order mark as regedit exports. */
    public static String text(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
