package smbkit.rpc.srvsvc;

import java.util.List;
import java.util.Map;

import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.ndr.NdrTypes.Enumeration;

/**
 * One page of an MS-SRVS enumeration ({@link SrvsvcOp#NetrSessionEnum} and its kin): the arguments named, the
 * results read back from the declared response.
 */
public final class EnumCall extends RpcCall {

    /**
     * Which enumeration, with its operation, its info levels, and the order they are tried in, declared once
     * for every backend: richest first, and the levels Samba serves (its srvsvc answers ERROR_INVALID_LEVEL to
     * session levels 2, 10 and 502: asking a Samba server for them spends a round trip for nothing).
     */
    public enum Kind {
        /** 1 adds type, opens, users, time and names to 0's ids. */
        CONNECTIONS(SrvsvcOp.NetrConnectionEnum, InfoLevels.CONNECTION, new int[] {1, 0}, new int[] {1, 0}),
        /** 3 adds permissions, locks, path and user to 2's ids. */
        FILES(SrvsvcOp.NetrFileEnum, InfoLevels.FILE, new int[] {3, 2}, new int[] {3, 2}),
        /** 502 and 2 add client type and transport, 1 opens and flags, 10 idle time without flags, 0 only names. */
        SESSIONS(SrvsvcOp.NetrSessionEnum, InfoLevels.SESSION, new int[] {502, 2, 10, 1, 0}, new int[] {1, 0}),
        /** 502 adds the security descriptor, 2 path and uses, 1 type and remark. */
        SHARES(SrvsvcOp.NetrShareEnumAll, InfoLevels.SHARE, new int[] {502, 2, 1}, new int[] {502, 2, 1});

        final SrvsvcOp op;
        final String callName;
        final int filters;
        final Map<Integer, Layout> levels;
        private final int[] richestFirst;
        private final int[] sambaServes;

        Kind(SrvsvcOp op, Map<Integer, Layout> levels, int[] richestFirst, int[] sambaServes) {
            this.op = op;
            this.callName = op.name();
            this.filters = op.request().size() - 4; // ServerName, InfoStruct, PreferedMaximumLength, ResumeHandle
            this.levels = levels;
            this.richestFirst = richestFirst;
            this.sambaServes = sambaServes;
        }

        public String callName() {
            return callName;
        }

        /** The levels to try on a server of this platform, richest first. */
        public int[] levels(Platform platform) {
            return (platform == Platform.SAMBA ? sambaServes : richestFirst).clone();
        }
    }

    /** What the server is, as far as the levels it serves go. */
    public enum Platform {
        WINDOWS, SAMBA, UNKNOWN
    }

    /** NetrServerGetInfo's levels, richest first: 102 needs an administrator on Windows, 101 does not. */
    public static final int[] SERVER_INFO_LEVELS = {102, 101};
    /** NetrShareGetInfo's levels, richest first (as the share listing's). */
    public static final int[] SHARE_INFO_LEVELS = {502, 2, 1};

    /**
     * @param filters the call's string arguments in order (ClientName and UserName; BasePath and UserName;
     *                Qualifier; none), each null for a NULL pointer
     * @param resumeHandle null sends a NULL pointer (no paging)
     */
    public EnumCall(Kind kind, String serverName, String[] filters, int level, int preferredMaximumLength,
            Integer resumeHandle) {
        super(kind.op, arguments(kind, serverName, filters, level, preferredMaximumLength, resumeHandle));
    }

    private static Object[] arguments(Kind kind, String serverName, String[] filters, int level,
            int preferredMaximumLength, Integer resumeHandle) {
        if (filters.length != kind.filters) {
            throw new IllegalArgumentException(kind.callName + " takes " + kind.filters + " filters");
        }
        InfoLevels.of(kind.levels, level, kind.callName);
        Object[] args = new Object[filters.length + 4];
        args[0] = serverName;
        System.arraycopy(filters, 0, args, 1, filters.length);
        args[filters.length + 1] = level;
        args[filters.length + 2] = preferredMaximumLength;
        args[filters.length + 3] = resumeHandle;
        return args;
    }

    public int level() {
        return (Integer) in("InfoStruct");
    }

    public List<NdrStruct> entries() {
        Enumeration e = out("InfoStruct");
        return e == null ? List.of() : e.entries();
    }

    public long totalEntries() {
        Long total = out("TotalEntries");
        return total == null ? 0 : total;
    }

    /** The resume handle to send for the next page; null when the server returned a NULL pointer. */
    public Integer nextResumeHandle() {
        Long resume = out("ResumeHandle");
        return resume == null ? null : resume.intValue();
    }
}
