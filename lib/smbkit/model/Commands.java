package smbkit.model;

import java.util.List;

/**
 * The smbkit command lines the KB's resolution names, in one place for everything that prints them: Method 1
 * on the server, Method 2 on its clients, closing the NULL sessions as a last resort, sampling longer, and
 * local mode. Each is the dry run; {@link #apply} makes it change.
 */
public final class Commands {

    private Commands() {}

    /** Local mode on the server itself: no network session, so nothing it could refuse. */
    public static final String LOCAL_DIAGNOSIS = "smb-diagnose --local";

    /** Method 1: restrict NULL sessions (Samba refuses them at 2, Windows at the KB's 1). */
    public static String restrictAnonymous(String host, boolean samba) {
        return "smb-restrict-anonymous " + host + " --set " + (samba ? "2" : "1");
    }

    /** Method 2: remove the printer shares of the clients that keep NULL sessions open. */
    public static String removePrinterShares(List<String> clients) {
        return "smb-printer-shares " + String.join(" ", clients);
    }

    /** The last resort: close the server's NULL sessions now. */
    public static String closeNullSessions(String host) {
        return "smb-close-sessions " + host + " --null-only";
    }

    /** Tells the KB's temporary NULL sessions (gone within 30 to 90 s) from permanent ones. */
    public static String sampleLonger(String host) {
        return "smb-null-sessions " + host + " " + SAMPLE_LONGER;
    }

    /** The sampling options of {@link #sampleLonger}. */
    public static final String SAMPLE_LONGER = "--samples 4 --interval 30";

    /** The command that changes what its dry run shows. */
    public static String apply(String command) {
        return command + " --apply";
    }
}
