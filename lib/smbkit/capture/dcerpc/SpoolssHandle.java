package smbkit.capture.dcerpc;

/**
 * A print spooler handle a session opened over \PIPE\spoolss, followed from its open (RpcOpenPrinter,
 * RpcOpenPrinterEx, or the server's RpcReplyOpenPrinter back to a client) to its close.
 */
public final class SpoolssHandle {

    public final String handle;
    public final String openedBy;
    public final String printer;
    /** From RpcOpenPrinterEx's user-level container: the machine and user the client says it is. */
    public final String clientMachine;
    public final String clientUser;
    public final long openedNanos;
    public Long closedNanos;
    /** RpcClosePrinter (or RpcReplyClosePrinter), "pipe closed", "logoff", "TCP close"; null while held. */
    public String closedBy;
    /** RpcRemoteFindFirstPrinterChangeNotificationEx was called on it: the server will call the client back. */
    public boolean notifications;
    public String notifyMachine;

    public SpoolssHandle(String handle, String openedBy, String printer, String clientMachine, String clientUser,
                         long openedNanos) {
        this.handle = handle;
        this.openedBy = openedBy;
        this.printer = printer;
        this.clientMachine = clientMachine;
        this.clientUser = clientUser;
        this.openedNanos = openedNanos;
    }

    /** Closed by the spooler's own call, not released because the pipe or session went away. */
    public boolean closedByCall() {
        return closedBy != null && closedBy.startsWith("Rpc");
    }

    public void release(long time, String why) {
        if (closedBy == null) {
            closedNanos = time;
            closedBy = why;
        }
    }
}
