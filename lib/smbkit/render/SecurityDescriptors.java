package smbkit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jcifs.internal.dtyp.ACE;
import jcifs.internal.dtyp.SecurityDescriptor;
import jcifs.smb.SID;

/**
 * A share's security descriptor (self-relative bytes, parsed by jcifs-ng) as a person reads it: who may
 * print, manage or change, plus its SDDL for exactness.
 */
public final class SecurityDescriptors {

    private SecurityDescriptors() {}

    /** Well-known SIDs by their SDDL alias and the name Windows shows. */
    static final Map<String, String[]> WELL_KNOWN = Map.ofEntries(
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
        try {
            SecurityDescriptor d = new SecurityDescriptor(sd, 0, sd.length);
            if (d.getAces() == null) {
                return "no DACL: everyone has full access";
            }
            List<String> parts = new ArrayList<>();
            for (ACE ace : d.getAces()) {
                parts.add((ace.isAllow() ? "" : "DENY ") + name(ace.getSID()) + ": " + rights(ace.getAccessMask()));
            }
            return parts.isEmpty() ? "empty DACL: nobody has access" : String.join("; ", parts);
        } catch (Exception | LinkageError e) {
            return "unreadable descriptor (" + sd.length + " bytes)";
        }
    }

    /** The descriptor in SDDL (O:..G:..D:(A;;mask;;;sid)...), or null when it cannot be read. */
    public static String sddl(byte[] sd) {
        if (sd == null) {
            return null;
        }
        try {
            SecurityDescriptor d = new SecurityDescriptor(sd, 0, sd.length);
            StringBuilder s = new StringBuilder();
            if (d.getOwnerUserSid() != null) {
                s.append("O:").append(alias(d.getOwnerUserSid()));
            }
            if (d.getOwnerGroupSid() != null) {
                s.append("G:").append(alias(d.getOwnerGroupSid()));
            }
            if (d.getAces() != null) {
                s.append("D:");
                for (ACE ace : d.getAces()) {
                    s.append('(').append(ace.isAllow() ? 'A' : 'D').append(";;0x")
                            .append(Integer.toHexString(ace.getAccessMask())).append(";;;").append(alias(ace.getSID())).append(')');
                }
            }
            return s.toString();
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static String alias(SID sid) {
        String[] w = WELL_KNOWN.get(sid.toString());
        return w == null ? sid.toString() : w[0];
    }

    private static String name(SID sid) {
        String[] w = WELL_KNOWN.get(sid.toString());
        return w == null ? sid.toString() : w[1];
    }

    /** Printer and share rights in the words of the Sharing and Security tabs. */
    static String rights(int mask) {
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
