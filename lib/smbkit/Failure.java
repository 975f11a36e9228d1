package smbkit;

/**
 * Every way a run can end, with its exit code: one scheme for all scripts, documented in the README.
 * Codes 0-5 are outcomes; 10 and up are failures the user can act on; 70 is a bug.
 */
public enum Failure {
    ACTION_NEEDED(1, "findings call for action"),
    USAGE(2, "usage error"),
    PARTIAL(3, "some hosts or items failed"),
    REFUSED_UNSAFE(4, "refused: it could lose data"),
    /** A diagnosis that could not read a part it needs (the session listing above all): never "healthy". */
    INCOMPLETE(5, "diagnosis incomplete: a part could not be read"),
    UNKNOWN_HOST(10, "unknown host"),
    CONNECTION_REFUSED(11, "connection refused"),
    TIMEOUT(12, "timed out"),
    SERVER_FULL(13, "server at its connection limit"),
    LOGON_FAILED(14, "logon failed"),
    ACCESS_DENIED(15, "access denied"),
    NULL_SESSION_REFUSED(16, "NULL session refused"),
    NOT_FOUND(17, "not found"),
    NOT_AVAILABLE(18, "not available on this server"),
    MALFORMED_REPLY(19, "malformed reply"),
    LOCAL_UNAVAILABLE(20, "local mode unavailable"),
    FILE_ERROR(21, "cannot read or write a file"),
    NETWORK(22, "network error"),
    /** Every level of NetrSessionEnum refused (hardened Windows: Windows 10 1607 / Server 2019 and later). */
    SESSIONS_REFUSED(23, "session listing refused at every level"),
    /** The server speaks only SMB1 and SMB1 was refused (--no-smb1). */
    SMB1_REFUSED(24, "the server speaks only SMB1, which --no-smb1 refuses"),
    /** No master browser for the workgroup: the name query for WORKGROUP<1D> was answered "no such name". */
    NO_MASTER_BROWSER(25, "no master browser for the workgroup"),
    /** The browse list needs SMB1 (RAP on \PIPE\LANMAN) and the master browser will not speak it. */
    SMB1_UNAVAILABLE(26, "the master browser refuses SMB1, which the browse list needs"),
    /** Nothing answered on the NetBIOS name service (UDP 137): blocked, or no NetBIOS there. */
    NETBIOS_SILENT(27, "nothing answered on UDP 137 (NetBIOS name service)"),
    INTERNAL(70, "internal error");

    private final int exitCode;
    private final String title;

    Failure(int exitCode, String title) {
        this.exitCode = exitCode;
        this.title = title;
    }

    public int exitCode() {
        return exitCode;
    }

    public String title() {
        return title;
    }
}
