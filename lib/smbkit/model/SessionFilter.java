package smbkit.model;

import java.util.Locale;

/** The --client/--user filters, applied on the client side as well (Samba ignores them on the server). */
public final class SessionFilter {

    private SessionFilter() {}

    public static boolean matches(Session s, String client, String user) {
        return (client == null || sameClient(s.client(), client))
                && (user == null || (s.user() != null && s.user().equalsIgnoreCase(stripDomain(user))));
    }

    /** Client names compare without their UNC prefix and without case, as Windows does. */
    public static boolean sameClient(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    public static String normalize(String client) {
        String c = client == null ? "" : client;
        while (c.startsWith("\\")) {
            c = c.substring(1);
        }
        return c.toLowerCase(Locale.ROOT);
    }

    private static String stripDomain(String user) {
        int i = Math.max(user.lastIndexOf('\\'), user.lastIndexOf('/'));
        return i < 0 ? user : user.substring(i + 1);
    }
}
