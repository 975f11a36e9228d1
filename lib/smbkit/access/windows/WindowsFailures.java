package smbkit.access.windows;

import java.util.Map;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.Win32;

/**
 * A NET_API_STATUS or Win32 error from netapi32/advapi32 on this machine, as one line a user can act on. Access
 * denied here means the process is not elevated: the remote path's advice (another account) does not apply.
 */
public final class WindowsFailures {

    static final String WHERE = "this machine";

    // the codes the backend acts on (Win32 names them in messages)
    static final int NERR_SUCCESS = 0;
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_NOT_SUPPORTED = 50;
    static final int ERROR_INVALID_LEVEL = 124;
    static final int ERROR_MORE_DATA = 234;
    static final int ERROR_NO_MORE_ITEMS = 259;
    static final int NERR_USER_NOT_FOUND = 2221;
    static final int NERR_CLIENT_NAME_NOT_FOUND = 2312;
    static final int NERR_SERVER_NOT_STARTED = 2114;
    static final int RPC_S_SERVER_UNAVAILABLE = 1722;

    private WindowsFailures() {}

    public static SmbkitException of(int status, String what) {
        if (status == ERROR_ACCESS_DENIED) {
            return new SmbkitException(Failure.ACCESS_DENIED, WHERE + ": access denied to " + what + " ("
                    + Win32.name(status) + ")",
                    "Run it from an elevated prompt (Run as administrator) with an account in the Administrators group");
        }
        if (status == NERR_SERVER_NOT_STARTED || status == RPC_S_SERVER_UNAVAILABLE) {
            return new SmbkitException(Failure.NOT_AVAILABLE, WHERE + ": " + what + " needs the Server service ("
                    + name(status) + ")", "Start it (net start server), or look at why it stopped: then nothing is shared");
        }
        String local = LOCAL_NAMES.get(status);
        if (local != null) {
            return new SmbkitException(Failure.INTERNAL, WHERE + ": " + what + " failed (" + local + ")",
                    "Run again with --debug and report it");
        }
        // the rest as the remote path names them: NERR_*NotFound -> NOT_FOUND, others INTERNAL with the code
        return Win32.failure(status, WHERE, what, false);
    }

    /** Win32's name for a code, or one of the codes only the local calls return. */
    static String name(int status) {
        return LOCAL_NAMES.getOrDefault(status, Win32.name(status));
    }

    /** What netapi32 returns locally (lmerr.h, winerror.h) that the RPC path never sees. */
    private static final Map<Integer, String> LOCAL_NAMES = Map.of(
            8, "ERROR_NOT_ENOUGH_MEMORY",
            123, "ERROR_INVALID_NAME",
            NERR_SERVER_NOT_STARTED, "NERR_ServerNotStarted",
            2116, "NERR_UnknownDevDir",
            2117, "NERR_RedirectedPath",
            2118, "NERR_DuplicateShare",
            2123, "NERR_BufTooSmall",
            RPC_S_SERVER_UNAVAILABLE, "RPC_S_SERVER_UNAVAILABLE");

    /** netapi32 or advapi32 could not be loaded: not Windows, whatever os.name said. */
    static SmbkitException unavailable(String library, LinkageError e) {
        return new SmbkitException(Failure.LOCAL_UNAVAILABLE, "local mode: " + library + " cannot be loaded on this machine ("
                + e.getClass().getSimpleName() + ")", "Give a HOST to query a server over the network", e);
    }
}
