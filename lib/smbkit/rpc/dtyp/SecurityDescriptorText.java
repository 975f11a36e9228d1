package smbkit.rpc.dtyp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import smbkit.model.SecurityDescriptor;
import smbkit.model.SecurityDescriptor.Ace;
import smbkit.model.SecurityDescriptor.Sid;

/**
 * A share's security descriptor as a person reads it (who may print, manage or change) and in SDDL, from
 * smbkit's own bounded parser. A descriptor it cannot read whole is "unreadable", never guessed at, and
 * neither text grows past {@link #MAX_CHARS}.
 */
public final class SecurityDescriptorText {

    private SecurityDescriptorText() {}

    /** Enough for dozens of entries; a longer text is cut with how many entries it leaves out. */
    public static final int MAX_CHARS = 2000;

    /** Well-known SIDs by their SDDL alias and the name Windows shows. */
    public static final Map<String, String[]> WELL_KNOWN = Map.ofEntries(
            Map.entry("S-1-1-0", new String[] {"WD", "Everyone"}),
            Map.entry("S-1-3-0", new String[] {"CO", "CREATOR OWNER"}),
            Map.entry("S-1-5-7", new String[] {"AN", "ANONYMOUS LOGON"}),
            Map.entry("S-1-5-11", new String[] {"AU", "Authenticated Users"}),
            Map.entry("S-1-5-18", new String[] {"SY", "SYSTEM"}),
            Map.entry("S-1-5-32-544", new String[] {"BA", "BUILTIN\\Administrators"}),
            Map.entry("S-1-5-32-545", new String[] {"BU", "BUILTIN\\Users"}),
            Map.entry("S-1-5-32-546", new String[] {"BG", "BUILTIN\\Guests"}),
            Map.entry("S-1-5-32-547", new String[] {"PU", "BUILTIN\\Power Users"}),
            Map.entry("S-1-5-32-549", new String[] {"SO", "BUILTIN\\Server Operators"}),
            Map.entry("S-1-5-32-550", new String[] {"PO", "BUILTIN\\Print Operators"}));

    static final int PRINTER_ACCESS_ADMINISTER = 0x4;
    static final int PRINTER_ACCESS_USE = 0x8;

    /** "Everyone: print; BUILTIN\Administrators: manage printers", or why it cannot be read. */
    public static String describe(byte[] sd) {
        if (sd == null) {
            return "none kept by the server";
        }
        SecurityDescriptor d;
        try {
            d = SecurityDescriptorParser.parse(sd);
        } catch (SecurityDescriptorParser.Unreadable e) {
            return "unreadable descriptor (" + sd.length + " bytes: " + e.getMessage() + ")";
        }
        if (d.dacl() == null) {
            return "no DACL: everyone has full access" + (d.ignoredDaclOffset() != 0
                    ? " (SE_DACL_PRESENT is clear; Windows ignores the DACL offset " + d.ignoredDaclOffset() + ")" : "");
        }
        if (d.dacl().isEmpty()) {
            return "empty DACL: nobody has access";
        }
        List<String> parts = new ArrayList<>();
        for (Ace ace : d.dacl()) {
            parts.add(entry(ace));
        }
        return join(parts, "; ", "");
    }

    private static String entry(Ace ace) {
        String who = ace.sid() == null ? "(unread SID)" : name(ace.sid());
        String what = rights(ace.mask());
        String kind = (ace.object() ? "object" : "") + (ace.callback() ? (ace.object() ? ", " : "") + "callback" : "");
        String suffix = kind.isEmpty() ? "" : " (" + kind + " entry)";
        return switch (ace.effect()) {
            case ALLOW -> who + ": " + what + suffix;
            case DENY -> "DENY " + who + ": " + what + suffix;
            case AUDIT -> "AUDIT " + who + ": " + what + suffix + ", grants nothing";
            case ALARM -> "ALARM " + who + ": " + what + suffix + ", grants nothing";
            case LABEL -> "integrity label " + who + String.format(" (policy 0x%x)", ace.mask());
            case OTHER -> String.format("entry of type 0x%X", ace.type()) + (ace.sid() == null ? "" : " for " + who)
                    + ", not read";
        };
    }

    /** The descriptor in SDDL (O:..G:..D:(A;;mask;;;sid)...), or null when it cannot be read. */
    public static String sddl(byte[] sd) {
        if (sd == null) {
            return null;
        }
        SecurityDescriptor d;
        try {
            d = SecurityDescriptorParser.parse(sd);
        } catch (SecurityDescriptorParser.Unreadable e) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        if (d.owner() != null) {
            s.append("O:").append(alias(d.owner()));
        }
        if (d.group() != null) {
            s.append("G:").append(alias(d.group()));
        }
        if (!d.daclPresent()) {
            return s.toString();
        }
        s.append("D:");
        if (d.dacl() == null) {
            return s.append("NO_ACCESS_CONTROL").toString();
        }
        List<String> aces = new ArrayList<>();
        for (Ace ace : d.dacl()) {
            aces.add("(" + ace.sddlType() + ";;0x" + Integer.toHexString(ace.mask()) + ";"
                    + (ace.objectType() == null ? "" : ace.objectType()) + ";"
                    + (ace.inheritedObjectType() == null ? "" : ace.inheritedObjectType()) + ";"
                    + (ace.sid() == null ? "" : alias(ace.sid())) + ")");
        }
        return join(aces, "", s.toString());
    }

    private static String join(List<String> parts, String separator, String prefix) {
        StringBuilder s = new StringBuilder(prefix);
        for (int i = 0; i < parts.size(); i++) {
            String next = (i == 0 ? "" : separator) + parts.get(i);
            if (s.length() + next.length() > MAX_CHARS) {
                return s.append(separator.isEmpty() ? "" : separator).append("... (").append(parts.size() - i)
                        .append(" more entries)").toString();
            }
            s.append(next);
        }
        return s.toString();
    }

    static String alias(Sid sid) {
        String[] w = WELL_KNOWN.get(sid.toString());
        return w == null ? sid.toString() : w[0];
    }

    static String name(Sid sid) {
        String[] w = WELL_KNOWN.get(sid.toString());
        return w == null ? sid.toString() : w[1];
    }

    /** Printer and share rights in the words of the Sharing and Security tabs. */
    public static String rights(int mask) {
        if ((mask & 0x1F01FF) == 0x1F01FF || mask == 0x10000000) {
            return "full control";
        }
        if ((mask & PRINTER_ACCESS_ADMINISTER) != 0) {
            return "manage printers";
        }
        if ((mask & 0x1301BF) == 0x1301BF) {
            return "change";
        }
        if ((mask & PRINTER_ACCESS_USE) != 0) {
            return "print";
        }
        if ((mask & 0x1200A9) == 0x1200A9) {
            return "read";
        }
        return String.format("access 0x%x", mask);
    }
}
