package smbkit.rpc;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import jcifs.CIFSException;
import jcifs.dcerpc.DcerpcException;
import jcifs.dcerpc.ndr.NdrException;
import jcifs.smb.SmbException;
import jcifs.util.transport.ConnectionTimeoutException;
import jcifs.util.transport.RequestTimeoutException;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * Turns what jcifs-ng and the server report into one line saying what happened and what to do next. The
 * KB's case comes first: a server at its connection limit refuses the tool's own session as well.
 */
public final class SmbErrors {

    private SmbErrors() {}


    /** KB 328459's words for error 71. */
    public static final String ERROR_71 = "System error 71: no more connections can be made to this remote computer "
            + "at this time because there are already as many connections as the computer can accept";
    static final String FULL_HINT = "smbkit needs a session of its own: run it on the server itself (no HOST), "
            + "or wait 30 to 90 s for temporary NULL sessions to drop and try again";

    public static SmbkitException translate(Throwable e, Target target, Credentials who, String doing) {
        if (e instanceof SmbkitException s) {
            return s;
        }
        String t = target.toString();
        int nt = ntStatus(e);
        if (WinError.STATUS_REQUEST_NOT_ACCEPTED.is(nt)) {
            return new SmbkitException(Failure.SERVER_FULL, t + " is at its connection limit (NT_STATUS_REQUEST_NOT_ACCEPTED). "
                    + ERROR_71, FULL_HINT, e);
        }
        if (WinError.STATUS_INSUFFICIENT_RESOURCES.is(nt)) {
            return new SmbkitException(Failure.SERVER_FULL, t + " refused the connection to IPC$ (NT_STATUS_INSUFFICIENT_RESOURCES:"
                    + " the share is at its 'max connections'). " + ERROR_71, FULL_HINT, e);
        }
        if (nt != 0) {
            SmbkitException s = fromNtStatus(nt, t, who, doing, e);
            if (s != null) {
                return s;
            }
        }
        if (message(e).contains("Server does not support SMB2")) {
            // Only with SMB1 refused: the negotiate offered SMB2 dialects only and the server chose none of them.
            return new SmbkitException(Failure.SMB1_REFUSED, t + " speaks only SMB1 (NT LM 0.12: an NT 4.0, 2000 or XP-class"
                    + " machine) and --no-smb1 refuses it; nothing was sent over SMB1",
                    "Leave out --no-smb1 to reach it over SMB1, or run smbkit on the server itself (no HOST)", e);
        }
        jcifs.netbios.NbtException nbt = find(e, jcifs.netbios.NbtException.class);
        if (nbt != null || message(e).contains("Failed to establish session with")
                || message(e).contains("EOF during NetBIOS session request")) {
            return new SmbkitException(Failure.NETWORK, t + " refused the NetBIOS session request on port 139 ("
                    + (nbt != null ? nbt.getMessage() : rootMessage(e)) + ", called name *SMBSERVER or the name given)",
                    "Give the server's NetBIOS name as HOST (nmblookup -A ADDRESS shows it), or reach it on port 445", e);
        }
        if (has(e, UnknownHostException.class)) {
            return new SmbkitException(Failure.UNKNOWN_HOST, "unknown host " + target.host(),
                    "Check the name, or give its address (NetBIOS-only names are not resolved)", e);
        }
        if (has(e, ConnectException.class)) {
            return new SmbkitException(Failure.CONNECTION_REFUSED, t + " refused the connection on port " + target.port(),
                    "Check the host and port; the server must share files (Windows: File and Printer Sharing, TCP 445)", e);
        }
        if (has(e, NoRouteToHostException.class) || message(e).contains("Network is unreachable")) {
            return new SmbkitException(Failure.NETWORK, "no route to " + t, "Check the address and the network path", e);
        }
        BindException bind = find(e, BindException.class);
        if (bind != null) {
            return new SmbkitException(Failure.NETWORK, "cannot connect to " + t + " from the --source-address given: "
                    + bind.getMessage(), "Give an address of this machine (ip address shows them), or leave --source-address out", e);
        }
        if (has(e, SocketTimeoutException.class) && message(e).contains("connect timed out")) {
            return new SmbkitException(Failure.TIMEOUT, t + " did not accept the TCP connection on port " + target.port() + " in time",
                    "Check that the host is up and reachable on port " + target.port() + ", or raise --timeout", e);
        }
        if (has(e, ConnectionTimeoutException.class) || (has(e, SocketTimeoutException.class) && message(e).contains("Failed to connect"))) {
            return new SmbkitException(Failure.TIMEOUT, t + " accepted the connection but did not answer the SMB negotiate in time",
                    "Check that an SMB server listens on port " + target.port() + ", or raise --timeout", e);
        }
        if (has(e, SocketTimeoutException.class) || has(e, RequestTimeoutException.class)) {
            return new SmbkitException(Failure.TIMEOUT, t + " did not answer in time while " + doing,
                    "Check that the host is up and reachable on port " + target.port() + ", or raise --timeout", e);
        }
        if (message(e).contains("Invalid payload size")) {
            return new SmbkitException(Failure.MALFORMED_REPLY, t + " sent an SMB frame of a length SMB does not allow ("
                    + rootMessage(e) + ")", "Check that the port is an SMB server's (445); report it with --debug if it is", e);
        }
        // Samba past 'max smbd processes' accepts the TCP connection and closes it before the negotiate
        // reply: jcifs then sees the transport close, or a reset when its request crossed the close. jcifs
        // reports a server that answers garbage the same way: a second, plain negotiate tells them apart.
        boolean closedWhileConnecting = message(e).contains("Failed to connect") && (has(e, EOFException.class)
                || has(e, SocketException.class) || message(e).contains("transport closed"));
        if (message(e).contains("transport closed in negotiate") || closedWhileConnecting) {
            byte[] reply = NegotiateProbe.reply(target);
            if (reply.length > 0 && !NegotiateProbe.isSmb(reply)) {
                return new SmbkitException(Failure.MALFORMED_REPLY, t + " answered the SMB negotiate with bytes that are not SMB ("
                        + NegotiateProbe.show(reply) + ")", "Check the port: something other than an SMB server listens on " + target.port(), e);
            }
            return new SmbkitException(Failure.SERVER_FULL, t + " closed the connection before answering the SMB negotiate, "
                    + "as a server at its connection limit does (Samba: max smbd processes). " + ERROR_71, FULL_HINT, e);
        }
        // jcifs-ng hands back an empty, zero-filled reply when the connection drops during a pipe transceive: its
        // DCE/RPC header check then fails on the zeros. That is the pipe closing mid-call, not a server's bytes.
        if (message(e).contains("DCERPC version not supported") || message(e).contains("DCERPC pipe is no longer open")) {
            return new SmbkitException(Failure.NETWORK, t + ": the connection broke while " + doing
                    + " (the named pipe closed mid-call: no DCE/RPC reply came back)",
                    "Try again; if it persists, check the network path and the server's log", e);
        }
        if (has(e, MalformedReplyException.class) || has(e, NdrException.class)) {
            return new SmbkitException(Failure.MALFORMED_REPLY, t + ": malformed reply to " + doing + ": " + rootMessage(e),
                    "The server sent bytes that contradict themselves; run again, and report it with --debug", e);
        }
        DcerpcException rpc = find(e, DcerpcException.class);
        if (rpc != null && rpc.getErrorCode() != 0) {
            return fault(rpc.getErrorCode(), t, doing, e);
        }
        if (has(e, IOException.class) || has(e, CIFSException.class)) {
            return new SmbkitException(Failure.NETWORK, t + ": the connection broke while " + doing + " (" + rootMessage(e) + ")",
                    "Try again; if it persists, check the network path and the server", e);
        }
        if (thrownBySmbLibrary(e)) {
            return new SmbkitException(Failure.MALFORMED_REPLY, t + ": the SMB library could not read the reply to " + doing
                    + " (" + rootMessage(e) + ")", "The server sent bytes that contradict themselves; report it with --debug", e);
        }
        return new SmbkitException(Failure.INTERNAL, t + ": " + doing + " failed: " + rootMessage(e),
                "Run again with --debug and report the trace", e);
    }

    /**
     * The one mapping of what escapes a command to a failure, for {@code Cli}: smbkit's own failures as they are,
     * then malformed replies, files, the network and the SMB library by their kind; what is left is a bug (70).
     */
    public static SmbkitException classify(Throwable e) {
        if (e instanceof SmbkitException s) {
            return s;
        }
        SmbkitException wrapped = find(e, SmbkitException.class);
        if (wrapped != null) {
            return wrapped;
        }
        if (has(e, MalformedReplyException.class) || has(e, NdrException.class)) {
            return new SmbkitException(Failure.MALFORMED_REPLY, "malformed reply: " + rootMessage(e),
                    "The server sent bytes that contradict themselves; run again, and report it with --debug", e);
        }
        java.nio.file.FileSystemException file = find(e, java.nio.file.FileSystemException.class);
        if (file != null) {
            return new SmbkitException(Failure.FILE_ERROR, "cannot read or write " + file.getFile()
                    + (file.getReason() == null ? "" : ": " + file.getReason()) + " (" + file.getClass().getSimpleName() + ")",
                    "Check the path and its permissions", e);
        }
        if (has(e, SocketException.class) || has(e, CIFSException.class) || has(e, jcifs.util.transport.TransportException.class)) {
            return new SmbkitException(Failure.NETWORK, "network error: " + rootMessage(e),
                    "Try again; if it persists, check the network path and the server", e);
        }
        if (has(e, IOException.class)) {
            return new SmbkitException(Failure.FILE_ERROR, "input or output failed: " + rootMessage(e),
                    "Check the files given and their permissions", e);
        }
        if (thrownBySmbLibrary(e)) {
            return new SmbkitException(Failure.MALFORMED_REPLY, "the SMB library could not read a reply: " + rootMessage(e),
                    "The server sent bytes that contradict themselves; report it with --debug", e);
        }
        return new SmbkitException(Failure.INTERNAL, "unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                "This is a bug in smbkit: run again with --debug and report the trace", e);
    }

    /**
     * No TCP connection was made at all (refused, or filtered: the connect timed out): the case where smbclient
     * tries port 139 next. A server that accepted the connection and then failed is not this.
     */
    public static boolean noTcpConnection(Throwable e) {
        if (has(e, ConnectException.class)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException && t.getMessage() != null
                    && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect timed out")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A runtime exception raised inside jcifs-ng (an index out of range while decoding, say): the server's bytes. */
    static boolean thrownBySmbLibrary(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RuntimeException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("jcifs.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static SmbkitException fromNtStatus(int nt, String t, Credentials who, String doing, Throwable e) {
        String code = String.format(" (NT status 0x%08X)", nt);
        WinError status = WinError.of(nt);
        if (status == null) {
            return null;
        }
        switch (status) {
            case STATUS_LOGON_FAILURE:
                if (who.isAnonymous()) {
                    return nullRefused(t, "refuses NULL sessions at logon", e);
                }
                return new SmbkitException(Failure.LOGON_FAILED, t + ": logon failed for " + who.principal()
                        + ": unknown user name or wrong password (NT_STATUS_LOGON_FAILURE)",
                        "Check -U/-A; a local account on a workgroup machine may need -U MACHINE/user", e);
            case STATUS_ACCOUNT_DISABLED:
            case STATUS_ACCOUNT_LOCKED_OUT:
            case STATUS_PASSWORD_EXPIRED:
            case STATUS_PASSWORD_MUST_CHANGE:
            case STATUS_ACCOUNT_RESTRICTION:
            case STATUS_INVALID_LOGON_HOURS:
            case STATUS_INVALID_WORKSTATION:
                return new SmbkitException(Failure.LOGON_FAILED, t + ": logon refused for " + who.principal() + ": "
                        + accountProblem(status) + code, "Use another account, or fix this one on the server", e);
            case STATUS_ACCESS_DENIED:
                if (who.isAnonymous()) {
                    return nullRefused(t, "refuses NULL sessions (RestrictAnonymous / restrict anonymous)", e);
                }
                return new SmbkitException(Failure.ACCESS_DENIED, t + ": access denied to " + who.principal()
                        + " while " + doing + code, "Use an account in the server's Administrators group", e);
            case STATUS_OBJECT_NAME_NOT_FOUND:
                return new SmbkitException(Failure.NOT_AVAILABLE, t + ": the server has no " + pipeOf(doing) + code,
                        "The service behind it is not running on the server", e);
            case STATUS_BAD_NETWORK_NAME:
                return new SmbkitException(Failure.NOT_AVAILABLE, t + ": the server has no IPC$ share" + code,
                        "The server does not offer remote administration", e);
            default:
                return null;
        }
    }

    private static SmbkitException nullRefused(String t, String what, Throwable e) {
        return new SmbkitException(Failure.NULL_SESSION_REFUSED, t + " " + what,
                "Log on as a user with -U or -A instead of -N", e);
    }

    private static String accountProblem(WinError nt) {
        return switch (nt) {
            case STATUS_ACCOUNT_DISABLED -> "the account is disabled";
            case STATUS_ACCOUNT_LOCKED_OUT -> "the account is locked out";
            case STATUS_PASSWORD_EXPIRED -> "the password has expired";
            case STATUS_PASSWORD_MUST_CHANGE -> "the password must be changed first";
            case STATUS_INVALID_LOGON_HOURS -> "logons are not allowed at this hour";
            case STATUS_INVALID_WORKSTATION -> "logons from this machine are not allowed";
            default -> "account restrictions apply";
        };
    }

    private static String pipeOf(String doing) {
        int i = doing.indexOf("\\PIPE\\");
        return i >= 0 ? doing.substring(i) : "named pipe for " + doing;
    }

    /** DCE/RPC faults: the call reached the server, which refused it. */
    static SmbkitException fault(int code, String t, String doing, Throwable e) {
        String hex = String.format("0x%08X", code);
        return switch (WinError.kindOf(code)) {
            case ACCESS_DENIED -> new SmbkitException(Failure.ACCESS_DENIED, t + ": access denied to " + doing + " (RPC fault " + hex + ")",
                    "Use an account in the server's Administrators group", e);
            case NOT_SUPPORTED -> new SmbkitException(Failure.NOT_AVAILABLE,
                    t + ": the server does not implement " + doing + " (RPC fault " + hex + ")", null, e);
            default -> new SmbkitException(Failure.NOT_AVAILABLE, t + ": the server refused " + doing + " with RPC fault " + hex,
                    "The server does not offer this call to this account; run with --debug to see more", e);
        };
    }

    static int ntStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SmbException s && s.getNtStatus() != 0 && (s.getNtStatus() & 0xC0000000) == 0xC0000000) {
                return s.getNtStatus();
            }
        }
        return 0;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(' ').append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
    }
}
