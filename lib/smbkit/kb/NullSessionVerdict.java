package smbkit.kb;

import java.util.List;

/**
 * The KB's verdict on NULL sessions, as data: how many of the server's slots they take (of the sessions
 * counted), how many are permanent, young or came and went, which clients to visit (those with permanent
 * ones), and whether the server is Samba (its Method 1 level differs). The words are render's
 * (NullSessionsView.verdict).
 *
 * @param clients the clients holding NULL sessions, as analysed
 */
public record NullSessionVerdict(String host, boolean samba, SessionCount count, long slotsTaken, long permanent,
        long young, long gone, List<String> clientsToVisit, List<NullClient> clients) {

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
        return new NullSessionVerdict(host, samba, count, taken, permanent, young, gone, visit, List.copyOf(clients));
    }
}
