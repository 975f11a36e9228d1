package smbkit.rpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import smbkit.SmbkitException;
import smbkit.rpc.WinError.Kind;
import smbkit.rpc.ndr.NdrStruct;

/**
 * The one level-fallback and paging engine of the MS-SRVS enumerations, for the RPC client and the Windows
 * backend (netapi32) alike. Each enumeration is tried at the richest level of the plan first; a level the
 * server refuses (ERROR_INVALID_LEVEL, ERROR_ACCESS_DENIED, ERROR_NOT_SUPPORTED) moves on to the next; the
 * level that answered is remembered for the life of this object (one connection), so the next listing of the
 * same kind starts there and spends no round trip on levels already refused. The accepted level is then paged
 * with the resume handle until the server has nothing more.
 */
public final class LevelFallback {

    /** One call of an enumeration at a level: what the server answered. */
    @FunctionalInterface
    public interface Pager {
        /** @param resume the resume handle to send (0 on the first page) */
        Page fetch(int level, int preferredMaximumLength, long resume);
    }

    /** A page: the status, the entries it carried, the next resume handle (null: the server sent a NULL pointer). */
    public record Page(int status, List<NdrStruct> entries, Long nextResume) {}

    /** What an enumeration returned, at which level, in how many pages. */
    public record Listing(int level, List<NdrStruct> entries, int pages) {}

    /** How the caller words failures: the remote and the local backends advise differently. */
    public interface Faults {
        SmbkitException failure(int status, String what);

        /** Paging cannot go on: {@code problem} says why ("NetrFileEnum keeps answering ERROR_MORE_DATA without progress"). */
        SmbkitException noProgress(String problem);

        /** Every level of the plan was refused; {@code status} is the refusal that explains most. */
        default SmbkitException allRefused(String call, int[] levels, int status) {
            return failure(status, call);
        }
    }

    /** Enough for tens of thousands of entries per page; a server looping forever stops here. */
    public static final int MAX_PAGES = 100_000;
    /** MAX_PREFERRED_LENGTH: let the server choose how much to return per reply. */
    public static final int MAX_PREFERRED_LENGTH = -1;

    /** Per enumeration: the level that answered last time. */
    private final Map<String, Integer> answered = new HashMap<>();

    /** The plan as this connection has learned it: from the level that answered before, else all of it. */
    int[] plan(String call, int[] levels) {
        Integer known = answered.get(call);
        if (known != null) {
            for (int i = 0; i < levels.length; i++) {
                if (levels[i] == known) {
                    return Arrays.copyOfRange(levels, i, levels.length);
                }
            }
        }
        return levels;
    }

    /** Whether a status moves on to the next level. */
    public static boolean refusesLevel(int status) {
        Kind k = WinError.kindOf(status);
        return k == Kind.INVALID_LEVEL || k == Kind.ACCESS_DENIED || k == Kind.NOT_SUPPORTED;
    }

    /** Windows' way of saying a client or user filter matched nothing. */
    static boolean filterMatchedNothing(int status) {
        return WinError.NERR_ClientNameNotFound.is(status) || WinError.NERR_UserNotFound.is(status);
    }

    public Listing enumerate(String call, int[] levels, int preferredMaximumLength, Pager pager, Faults faults) {
        int[] plan = plan(call, levels);
        int last = 0;
        for (int level : plan) {
            Page first = pager.fetch(level, preferredMaximumLength, 0);
            if (filterMatchedNothing(first.status())) {
                answered.put(call, level);
                return new Listing(level, List.of(), 1);
            }
            if (refusesLevel(first.status())) {
                if (!WinError.ERROR_ACCESS_DENIED.is(last)) {
                    last = first.status(); // a refusal explains more than a level this server lacks
                }
                continue;
            }
            Listing listing = page(call, level, preferredMaximumLength, first, pager, faults);
            answered.put(call, level);
            return listing;
        }
        throw faults.allRefused(call, plan, last);
    }

    private static Listing page(String call, int level, int preferredMaximumLength, Page first, Pager pager,
            Faults faults) {
        List<NdrStruct> all = new ArrayList<>(first.entries());
        Page page = first;
        int pages = 1;
        int askFor = preferredMaximumLength;
        long sent = 0;
        while (WinError.ERROR_MORE_DATA.is(page.status())) {
            Long resume = page.nextResume();
            if (resume == null) {
                throw faults.noProgress(call + " said there is more data but returned no resume handle");
            }
            if (resume == sent) {
                throw faults.noProgress(call + " keeps answering ERROR_MORE_DATA without progress"); // the same place again: the next page would be this one, and so on
            }
            sent = resume;
            if (page.entries().isEmpty()) {
                // Nothing fitted in the preferred length: ask for more rather than loop on the same page.
                if (askFor == MAX_PREFERRED_LENGTH) {
                    throw faults.noProgress(call + " keeps answering ERROR_MORE_DATA without progress");
                }
                askFor = askFor >= (1 << 29) ? MAX_PREFERRED_LENGTH : askFor * 2;
            }
            if (++pages > MAX_PAGES) {
                throw faults.noProgress(call + " keeps answering ERROR_MORE_DATA without progress");
            }
            page = pager.fetch(level, askFor, resume);
            if (!WinError.ERROR_SUCCESS.is(page.status()) && !WinError.ERROR_MORE_DATA.is(page.status())) {
                throw faults.failure(page.status(), call + " level " + level + " (page " + pages + ")");
            }
            all.addAll(page.entries());
        }
        if (!WinError.ERROR_SUCCESS.is(page.status())) {
            throw faults.failure(page.status(), call + " level " + level);
        }
        return new Listing(level, all, pages);
    }
}
