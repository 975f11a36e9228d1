package smbkit.rpc.srvsvc;

import java.util.ArrayList;
import java.util.List;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.Win32;
import smbkit.rpc.ndr.NdrStruct;

/**
 * MS-SRVS as smbkit uses it: each enumeration tried at its richest level first, falling back when the
 * server refuses a level, and paged with the resume handle until the server has nothing more.
 */
public final class SrvsvcClient {

    /** What an enumeration returned, and at which level. */
    public record Listing(int level, List<NdrStruct> entries, int pages) {}

    /** Enough for tens of thousands of entries per page; a server looping forever stops here. */
    static final int MAX_PAGES = 100_000;

    private final RpcTransport rpc;
    private final String serverName;
    private final String where;
    private final boolean anonymous;

    /**
     * @param where how messages name the server ("fileserver", "127.0.0.1:4450")
     * @param anonymous the pipe is on a NULL session (explains refusals)
     */
    public SrvsvcClient(RpcTransport rpc, String host, String where, boolean anonymous) {
        this.rpc = rpc;
        this.serverName = Srvsvc.serverName(host);
        this.where = where;
        this.anonymous = anonymous;
    }

    /**
     * Enumerates at the first level the server accepts. ERROR_INVALID_LEVEL and ERROR_ACCESS_DENIED move
     * on to the next level (Samba answers some levels only; older Windows granted levels 10 and 0 to any
     * user, but since Windows 10 1607 / Server 2019, or with NetCease, NetrSessionEnum refuses every level to
     * a non-administrator); if every level is refused, the refusal says why: a session listing refused
     * at every level is {@link Failure#SESSIONS_REFUSED}.
     */
    public Listing enumerate(EnumCall.Kind kind, String[] filters, int[] levels, int preferredMaximumLength) {
        int lastStatus = 0;
        for (int level : levels) {
            EnumCall first = rpc.call(new EnumCall(kind, serverName, filters, level, preferredMaximumLength, 0));
            int status = first.status();
            if (status == Srvsvc.NERR_CLIENT_NAME_NOT_FOUND || status == Srvsvc.NERR_USER_NOT_FOUND) {
                return new Listing(level, List.of(), 1); // Windows' way of saying the filter matched nothing
            }
            if (status == Srvsvc.ERROR_INVALID_LEVEL || status == Srvsvc.ERROR_ACCESS_DENIED
                    || status == Srvsvc.ERROR_NOT_SUPPORTED) {
                if (lastStatus != Srvsvc.ERROR_ACCESS_DENIED) {
                    lastStatus = status;
                }
                continue;
            }
            return page(kind, filters, level, preferredMaximumLength, first);
        }
        if (kind == EnumCall.Kind.SESSIONS && lastStatus == Srvsvc.ERROR_ACCESS_DENIED && !anonymous) {
            throw new SmbkitException(Failure.SESSIONS_REFUSED, where + ": the session listing was refused at every level "
                    + "(NetrSessionEnum " + java.util.Arrays.toString(levels) + ": ERROR_ACCESS_DENIED), as Windows 10 1607 / "
                    + "Server 2019 and later (or NetCease) refuse it to a non-administrator",
                    "Log on with an account in the server's Administrators group (-U DOMAIN/admin or -A FILE), "
                    + "or run smbkit on the server itself (local mode: no HOST)");
        }
        throw Win32.failure(lastStatus, where, kind.callName, anonymous);
    }

    private Listing page(EnumCall.Kind kind, String[] filters, int level, int preferredMaximumLength, EnumCall first) {
        List<NdrStruct> all = new ArrayList<>(first.entries());
        EnumCall call = first;
        int pages = 1;
        int askFor = preferredMaximumLength;
        int sent = 0;
        while (call.status() == Srvsvc.ERROR_MORE_DATA) {
            Integer resume = call.nextResumeHandle();
            if (resume == null) {
                throw new SmbkitException(Failure.MALFORMED_REPLY, where + ": " + kind.callName
                        + " said there is more data but returned no resume handle", "Report this server's version");
            }
            if (resume == sent) {
                // the same place again: the next page would be this one, and so on up to MAX_PAGES
                throw noProgress(kind);
            }
            sent = resume;
            if (call.entries().isEmpty()) {
                // Nothing fitted in the preferred length: ask for more rather than loop on the same page.
                if (askFor == Srvsvc.MAX_PREFERRED_LENGTH) {
                    throw noProgress(kind);
                }
                askFor = askFor >= (1 << 29) ? Srvsvc.MAX_PREFERRED_LENGTH : askFor * 2;
            }
            if (++pages > MAX_PAGES) {
                throw noProgress(kind);
            }
            call = rpc.call(new EnumCall(kind, serverName, filters, level, askFor, resume));
            if (call.status() != Srvsvc.ERROR_SUCCESS && call.status() != Srvsvc.ERROR_MORE_DATA) {
                throw Win32.failure(call.status(), where, kind.callName + " (page " + pages + ")", anonymous);
            }
            all.addAll(call.entries());
        }
        if (call.status() != Srvsvc.ERROR_SUCCESS) {
            throw Win32.failure(call.status(), where, kind.callName, anonymous);
        }
        return new Listing(level, all, pages);
    }

    private SmbkitException noProgress(EnumCall.Kind kind) {
        return new SmbkitException(Failure.MALFORMED_REPLY, where + ": " + kind.callName
                + " keeps answering ERROR_MORE_DATA without progress", "Report this server's version");
    }

    /** NetrServerGetInfo at the first level the server grants (102 needs an administrator on Windows). */
    public NdrStruct serverInfo(int... levels) {
        int lastStatus = 0;
        for (int level : levels) {
            ServerGetInfoCall call = rpc.call(new ServerGetInfoCall(serverName, level));
            if (call.status() == Srvsvc.ERROR_SUCCESS && call.info() != null) {
                return call.info();
            }
            lastStatus = call.status();
        }
        throw Win32.failure(lastStatus, where, "NetrServerGetInfo", anonymous);
    }

    /** NetrShareGetInfo at the first level granted; an unknown share is NOT_FOUND. */
    public NdrStruct shareInfo(String share, int... levels) {
        int lastStatus = 0;
        for (int level : levels) {
            ShareGetInfoCall call = rpc.call(new ShareGetInfoCall(serverName, share, level));
            if (call.status() == Srvsvc.ERROR_SUCCESS && call.info() != null) {
                return call.info();
            }
            if (call.status() == Srvsvc.NERR_NET_NAME_NOT_FOUND) {
                throw Win32.failure(call.status(), where, "NetrShareGetInfo " + share, anonymous);
            }
            lastStatus = call.status();
        }
        throw Win32.failure(lastStatus, where, "NetrShareGetInfo " + share, anonymous);
    }

    public void deleteSession(String client, String user) {
        SessionDelCall call = rpc.call(new SessionDelCall(serverName, client == null ? null : Srvsvc.serverName(client), user));
        if (call.status() == Srvsvc.ERROR_ACCESS_DENIED && !anonymous) {
            throw new SmbkitException(Failure.ACCESS_DENIED, where + ": this account may not close sessions "
                    + "(NetrSessionDel: ERROR_ACCESS_DENIED)",
                    "Windows wants an administrator; Samba wants root or a member of Domain Admins");
        }
        ok(call, "NetrSessionDel " + (client == null ? "" : client) + (user == null ? "" : " " + user));
    }

    public void closeFile(long id) {
        ok(rpc.call(new FileCloseCall(serverName, id)), "NetrFileClose " + id);
    }

    public void addShare(NdrStruct info502) {
        ShareAddCall call = rpc.call(new ShareAddCall(serverName, 502, info502));
        ok(call, "NetrShareAdd " + info502.str("netname")
                + (call.parmErr() != 0 ? " (refused field " + call.parmErr() + ")" : ""));
    }

    public void deleteShare(String share) {
        ok(rpc.call(new ShareDelCall(serverName, share)), "NetrShareDel " + share);
    }

    private void ok(smbkit.rpc.RpcCall call, String what) {
        if (call.status() != Srvsvc.ERROR_SUCCESS) {
            throw Win32.failure(call.status(), where, what, anonymous);
        }
    }
}
