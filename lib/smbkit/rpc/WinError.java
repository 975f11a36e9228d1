package smbkit.rpc;

import java.util.HashMap;
import java.util.Map;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * The one table of error codes smbkit acts on or names (MS-ERREF): Win32 codes and NERR codes as MS-SRVS,
 * MS-RRP and netapi32/advapi32 return them, RPC fault codes, and the NTSTATUS values an SMB session or tree
 * connect fails with. Each carries the {@link Kind} of outcome, which is what code decides on; the name is for
 * messages only.
 */
public enum WinError {

    ERROR_SUCCESS(0, Kind.SUCCESS),
    ERROR_FILE_NOT_FOUND(2, Kind.NOT_FOUND),
    ERROR_ACCESS_DENIED(5, Kind.ACCESS_DENIED),
    ERROR_NOT_ENOUGH_MEMORY(8, Kind.LOCAL),
    ERROR_NOT_SUPPORTED(50, Kind.NOT_SUPPORTED),
    ERROR_INVALID_PARAMETER(87, Kind.REFUSED),
    ERROR_INVALID_NAME(123, Kind.LOCAL),
    ERROR_INVALID_LEVEL(124, Kind.INVALID_LEVEL),
    ERROR_MORE_DATA(234, Kind.MORE_DATA),
    ERROR_NO_MORE_ITEMS(259, Kind.NO_MORE_ITEMS),
    RPC_S_UNKNOWN_IF(1717, Kind.NOT_SUPPORTED),
    RPC_S_SERVER_UNAVAILABLE(1722, Kind.SERVICE_STOPPED),
    RPC_S_PROCNUM_OUT_OF_RANGE(1745, Kind.NOT_SUPPORTED),
    NERR_ServerNotStarted(2114, Kind.SERVICE_STOPPED),
    NERR_UnknownDevDir(2116, Kind.LOCAL),
    NERR_RedirectedPath(2117, Kind.LOCAL),
    NERR_DuplicateShare(2118, Kind.LOCAL),
    NERR_BufTooSmall(2123, Kind.LOCAL),
    NERR_UserNotFound(2221, Kind.NOT_FOUND),
    NERR_NetNameNotFound(2310, Kind.NOT_FOUND),
    NERR_ClientNameNotFound(2312, Kind.NOT_FOUND),
    NERR_FileIdNotFound(2314, Kind.NOT_FOUND),
    /** DCE/RPC fault: the opnum is out of range (the interface lacks the call). */
    nca_s_op_rng_error(0x1C010002, Kind.NOT_SUPPORTED),
    nca_s_unk_if(0x1C010003, Kind.NOT_SUPPORTED),

    STATUS_ACCESS_DENIED(0xC0000022, Kind.ACCESS_DENIED),
    STATUS_OBJECT_NAME_NOT_FOUND(0xC0000034, Kind.NOT_FOUND),
    STATUS_LOGON_FAILURE(0xC000006D, Kind.LOGON),
    STATUS_ACCOUNT_RESTRICTION(0xC000006E, Kind.LOGON),
    STATUS_INVALID_LOGON_HOURS(0xC000006F, Kind.LOGON),
    STATUS_INVALID_WORKSTATION(0xC0000070, Kind.LOGON),
    STATUS_PASSWORD_EXPIRED(0xC0000071, Kind.LOGON),
    STATUS_ACCOUNT_DISABLED(0xC0000072, Kind.LOGON),
    STATUS_INSUFFICIENT_RESOURCES(0xC000009A, Kind.LIMIT),
    STATUS_BAD_NETWORK_NAME(0xC00000CC, Kind.NOT_FOUND),
    STATUS_REQUEST_NOT_ACCEPTED(0xC00000D0, Kind.LIMIT),
    STATUS_PASSWORD_MUST_CHANGE(0xC0000224, Kind.LOGON),
    STATUS_ACCOUNT_LOCKED_OUT(0xC0000234, Kind.LOGON);

    /** What an outcome means to the caller: the only thing code decides on. */
    public enum Kind {
        SUCCESS,
        /** ERROR_MORE_DATA: a page, or a buffer too small; ask again. */
        MORE_DATA,
        NO_MORE_ITEMS,
        ACCESS_DENIED,
        /** The server does not serve this info level. */
        INVALID_LEVEL,
        /** The server lacks the call or the interface. */
        NOT_SUPPORTED,
        NOT_FOUND,
        /** The server's answer to a well-formed request: it will not do it. */
        REFUSED,
        /** The Server service (or RPC) is not running. */
        SERVICE_STOPPED,
        /** A logon refused for the account's sake (password, hours, lock-out). */
        LOGON,
        /** The server is at a resource limit (the KB's symptom). */
        LIMIT,
        /** A code only this machine's netapi32 returns: a fault of the local call, not the server's answer. */
        LOCAL,
        /** A code not in this table. */
        UNKNOWN
    }

    /** The code as the wire carries it (NTSTATUS values as signed ints). */
    public final int code;
    public final Kind kind;

    WinError(int code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    private static final Map<Integer, WinError> BY_CODE = new HashMap<>();

    static {
        for (WinError e : values()) {
            if (BY_CODE.put(e.code, e) != null) {
                throw new ExceptionInInitializerError("two names for code " + e.code);
            }
        }
    }

    /** The entry for a code, or null when the table lacks it. */
    public static WinError of(int code) {
        return BY_CODE.get(code);
    }

    /** What a code means; UNKNOWN for a code not in the table. */
    public static Kind kindOf(int code) {
        WinError e = of(code);
        return e == null ? Kind.UNKNOWN : e.kind;
    }

    public boolean is(int status) {
        return code == status;
    }

    /** The symbolic name of a code, or its number. */
    public static String name(int code) {
        WinError e = of(code);
        return e != null ? e.name() : (code & 0xC0000000) == 0xC0000000 ? String.format("0x%08X", code)
                : String.format("0x%X", code);
    }

    /**
     * A code an MS-SRVS or MS-RRP call returned as one line a user can act on.
     *
     * @param anonymous the caller is on a NULL session, which explains an access denied
     */
    public static SmbkitException failure(int status, String where, String call, boolean anonymous) {
        String code = " (" + name(status) + ")";
        Kind kind = kindOf(status);
        if (kind == Kind.ACCESS_DENIED) {
            return new SmbkitException(Failure.ACCESS_DENIED, where + ": access denied to " + call + code
                    + (anonymous ? ": a NULL session may not do this" : ": the account is not an administrator there"),
                    "Use an account in the server's Administrators group (-U DOMAIN/admin or -A FILE)");
        }
        if (kind == Kind.INVALID_LEVEL) {
            return new SmbkitException(Failure.NOT_AVAILABLE, where + ": the server does not offer " + call + code, null);
        }
        if (kind == Kind.NOT_SUPPORTED) {
            return new SmbkitException(Failure.NOT_AVAILABLE, where + ": the server does not support " + call + code, null);
        }
        if (kind == Kind.NOT_FOUND) {
            return new SmbkitException(Failure.NOT_FOUND, where + ": " + call + ": no such " + what(status) + code,
                    "List what is there first");
        }
        // Any other code is the server's answer, not a fault of smbkit's (exit 70 stays for bugs).
        return new SmbkitException(Failure.NOT_AVAILABLE, where + ": the server refused " + call + code,
                "Check the server's event log; run again with --debug and report it if it persists");
    }

    private static String what(int status) {
        WinError e = of(status);
        if (e == null) {
            return "object";
        }
        return switch (e) {
            case NERR_UserNotFound -> "user";
            case NERR_NetNameNotFound -> "share";
            case NERR_ClientNameNotFound -> "client session";
            case NERR_FileIdNotFound -> "open file id";
            default -> "object";
        };
    }
}
