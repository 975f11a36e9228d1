package smbkit.rpc;

import smbkit.Failure;
import smbkit.SmbkitException;

/** Win32 and NERR codes that MS-SRVS and MS-RRP calls return, as one line a user can act on. */
public final class Win32 {

    private Win32() {}

    /**
     * @param anonymous the caller is on a NULL session, which explains an access denied
     */
    public static SmbkitException failure(int status, String where, String call, boolean anonymous) {
        String code = " (" + name(status) + ")";
        return switch (status) {
            case 5 -> new SmbkitException(Failure.ACCESS_DENIED, where + ": access denied to " + call + code
                    + (anonymous ? ": a NULL session may not do this" : ": the account is not an administrator there"),
                    "Use an account in the server's Administrators group (-U DOMAIN/admin or -A FILE)");
            case 124 -> new SmbkitException(Failure.NOT_AVAILABLE, where + ": the server does not offer "
                    + call + code, null);
            case 50, 1717, 0x1C010002 -> new SmbkitException(Failure.NOT_AVAILABLE, where + ": the server does not support "
                    + call + code, null);
            case 2221, 2310, 2312, 2314, 2 -> new SmbkitException(Failure.NOT_FOUND, where + ": " + call
                    + ": no such " + what(status) + code, "List what is there first");
            // Any other code is the server's answer, not a fault of smbkit's (exit 70 stays for bugs).
            default -> new SmbkitException(Failure.NOT_AVAILABLE, where + ": the server refused " + call + code,
                    "Check the server's event log; run again with --debug and report it if it persists");
        };
    }

    private static String what(int status) {
        return switch (status) {
            case 2221 -> "user";
            case 2310 -> "share";
            case 2312 -> "client session";
            case 2314 -> "open file id";
            default -> "object";
        };
    }

    /** The symbolic name of a Win32/NERR code, or its number. */
    public static String name(int status) {
        return switch (status) {
            case 0 -> "ERROR_SUCCESS";
            case 2 -> "ERROR_FILE_NOT_FOUND";
            case 5 -> "ERROR_ACCESS_DENIED";
            case 50 -> "ERROR_NOT_SUPPORTED";
            case 87 -> "ERROR_INVALID_PARAMETER";
            case 124 -> "ERROR_INVALID_LEVEL";
            case 234 -> "ERROR_MORE_DATA";
            case 1717 -> "RPC_S_UNKNOWN_IF";
            case 2221 -> "NERR_UserNotFound";
            case 2310 -> "NERR_NetNameNotFound";
            case 2312 -> "NERR_ClientNameNotFound";
            case 2314 -> "NERR_FileIdNotFound";
            default -> String.format("0x%X", status);
        };
    }
}
