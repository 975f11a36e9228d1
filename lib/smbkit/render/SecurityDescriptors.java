package smbkit.render;

import smbkit.rpc.dtyp.SecurityDescriptorText;

/**
 * A share's security descriptor as a person reads it, for the views: the text comes from
 * {@link SecurityDescriptorText}, on smbkit's own bounded parser, so that the change steps can use it
 * without depending on render.
 */
public final class SecurityDescriptors {

    private SecurityDescriptors() {}

    /** "Everyone: print; BUILTIN\Administrators: manage printers", or why it cannot be read. */
    public static String describe(byte[] sd) {
        return SecurityDescriptorText.describe(sd);
    }

    /** The descriptor in SDDL (O:..G:..D:(A;;mask;;;sid)...), or null when it cannot be read. */
    public static String sddl(byte[] sd) {
        return SecurityDescriptorText.sddl(sd);
    }

    static String rights(int mask) {
        return SecurityDescriptorText.rights(mask);
    }
}
