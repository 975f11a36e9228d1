package smbkit.kb;

import java.util.ArrayList;
import java.util.List;

/**
 * The KB's verdict on NULL sessions: how many of the server's slots they take, which clients to visit, and
 * which method applies (Method 1 on this server, Method 2 on those clients, closing them as a last resort),
 * with the smbkit commands that would do it.
 */
public record NullSessionVerdict(long slotsTaken, long permanent, long young, List<String> clientsToVisit,
        List<String> lines) {

    public boolean actionNeeded() {
        return permanent > 0;
    }

    public static NullSessionVerdict of(List<NullClient> clients, SessionCount count, String host) {
        return of(clients, count, host, false);
    }

    /**
     * @param samba Samba refuses new NULL sessions only at {@code restrict anonymous = 2}; Windows' KB
     *              level is 1
     */
    public static NullSessionVerdict of(List<NullClient> clients, SessionCount count, String host, boolean samba) {
        long taken = clients.stream().mapToLong(NullClient::present).sum();
        long permanent = clients.stream().mapToLong(c -> c.count(Persistence.PERMANENT)).sum();
        long young = clients.stream().mapToLong(c -> c.count(Persistence.YOUNG)).sum();
        long gone = clients.stream().mapToLong(c -> c.count(Persistence.GONE)).sum();
        List<String> visit = clients.stream().filter(c -> c.count(Persistence.PERMANENT) > 0).map(NullClient::client).toList();
        List<String> lines = new ArrayList<>();
        String slots = count.limit().limit() == null ? taken + " of the " + count.total() + " sessions"
                : taken + " of the " + count.limit().limit() + " slots (" + count.total() + " in use)";
        if (taken == 0) {
            lines.add("No NULL sessions on " + host + " now" + (gone > 0 ? " (" + gone + " temporary one(s) came and went)" : "")
                    + ": KB 328459's usual cause is not present.");
        } else {
            lines.add("NULL sessions hold " + slots + " on " + host + ": " + permanent + " permanent, " + young + " younger than "
                    + NullSessionAnalysis.TEMPORARY_MAX_S + " s" + (gone > 0 ? "; " + gone + " temporary one(s) came and went" : "") + ".");
        }
        if (young > 0 && permanent == 0) {
            lines.add("Temporary NULL sessions (IPC$ set-up) drop within 30 to 90 s: sample longer to tell "
                    + "(--samples 4 --interval 30).");
        }
        for (NullClient c : clients) {
            if (c.count(Persistence.PERMANENT) > 0) {
                lines.add("  " + c.client() + ": " + c.count(Persistence.PERMANENT) + " permanent NULL session(s)"
                        + (Boolean.TRUE.equals(c.holdsSpoolss()) ? ", holding \\PIPE\\spoolss (the print spooler's RPC)" : "")
                        + (c.holdsSpoolss() == null ? " (whether they hold \\PIPE\\spoolss is unknown: the server does not list pipes)" : "")
                        + ".");
            }
        }
        if (permanent > 0) {
            lines.add("Method 1 on " + host + ": restrict NULL sessions: smb-restrict-anonymous " + host + " --set "
                    + (samba ? "2" : "1") + " (a dry run; add --apply).");
            lines.add("Method 2 on " + String.join(", ", visit) + ": remove their printer shares: smb-printer-shares "
                    + String.join(" ", visit) + " (a dry run; add --apply).");
            lines.add("Existing NULL sessions stay until closed; last resort: smb-close-sessions " + host
                    + " --null-only (a dry run; add --apply).");
        }
        return new NullSessionVerdict(taken, permanent, young, visit, lines);
    }
}
