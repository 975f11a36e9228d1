package smbkit.access.windows;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.WinError;

/**
 * A NET_API_STATUS or Win32 error from netapi32/advapi32 on this machine, as one line a user can act on. Access
 * denied here means the process is not elevated: the remote path's advice (another account) does not apply.
 * The codes themselves are {@link WinError}'s.
 */
public final class WindowsFailures {

    static final String WHERE = "this machine";

    private WindowsFailures() {}

    public static SmbkitException of(int status, String what) {
        switch (WinError.kindOf(status)) {
            case ACCESS_DENIED:
                return new SmbkitException(Failure.ACCESS_DENIED, WHERE + ": access denied to " + what + " ("
                        + WinError.name(status) + ")",
                        "Run it from an elevated prompt (Run as administrator) with an account in the Administrators group");
            case SERVICE_STOPPED:
                return new SmbkitException(Failure.NOT_AVAILABLE, WHERE + ": " + what + " needs the Server service ("
                        + WinError.name(status) + ")", "Start it (net start server), or look at why it stopped: then nothing is shared");
            case LOCAL:
                return new SmbkitException(Failure.INTERNAL, WHERE + ": " + what + " failed (" + WinError.name(status) + ")",
                        "Run again with --debug and report it");
            default:
                // the rest as the remote path names them: NERR_*NotFound -> NOT_FOUND, others with the code
                return WinError.failure(status, WHERE, what, false);
        }
    }

    /** netapi32 or advapi32 could not be loaded: not Windows, whatever os.name said. */
    static SmbkitException unavailable(String library, LinkageError e) {
        return new SmbkitException(Failure.LOCAL_UNAVAILABLE, "local mode: " + library + " cannot be loaded on this machine ("
                + e.getClass().getSimpleName() + ")", "Give a HOST to query a server over the network", e);
    }
}
