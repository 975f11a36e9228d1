package smbkit.rpc.srvsvc;

import java.util.Arrays;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.LevelFallback;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.WinError;
import smbkit.rpc.ndr.NdrStruct;

/**
 * MS-SRVS as smbkit uses it: each enumeration through the shared {@link LevelFallback} engine (richest level
 * the server serves first, falling back when it refuses a level, paged with the resume handle), the level that
 * answered remembered for this pipe's connection.
 */
public final class SrvsvcClient {

    /** What an enumeration returned, and at which level. */
    public record Listing(int level, java.util.List<NdrStruct> entries, int pages) {}

    private final RpcTransport rpc;
    private final String serverName;
    private final String where;
    private final boolean anonymous;
    private final LevelFallback fallback = new LevelFallback();
    /** NetrServerGetInfo's answer, read once per connection. */
    private NdrStruct serverInfo;
    private boolean serverInfoRefused;

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
     * The enumeration at the levels this server serves, richest first: NetrServerGetInfo's type tells Samba
     * (SV_TYPE_SERVER_UNIX) from Windows, so a Samba server is never asked for the session levels it refuses
     * (one round trip that the listing's summary and the diagnosis read anyway, against three refusals on
     * every run). A server that refuses NetrServerGetInfo is asked every level.
     */
    public Listing enumerate(EnumCall.Kind kind, String[] filters, int preferredMaximumLength) {
        return enumerate(kind, filters, kind.levels(platform()), preferredMaximumLength);
    }

    /** What the server is, as far as its levels go; asks NetrServerGetInfo at most once. */
    public EnumCall.Platform platform() {
        if (serverInfo == null && !serverInfoRefused) {
            try {
                serverInfo();
            } catch (SmbkitException e) {
                serverInfoRefused = true; // the listing itself says what is wrong, if anything is
            }
        }
        if (serverInfo == null) {
            return EnumCall.Platform.UNKNOWN;
        }
        return SrvsvcModels.serverInfo(serverInfo).isSamba() ? EnumCall.Platform.SAMBA : EnumCall.Platform.WINDOWS;
    }

    /** NetrServerGetInfo at the richest level granted, read once per connection. */
    public NdrStruct serverInfo() {
        if (serverInfo == null) {
            serverInfo = serverInfo(EnumCall.SERVER_INFO_LEVELS);
        }
        return serverInfo;
    }

    /**
     * Enumerates at the first level the server accepts. ERROR_INVALID_LEVEL and ERROR_ACCESS_DENIED move
     * on to the next level (Samba answers some levels only; older Windows granted levels 10 and 0 to any
     * user, but since Windows 10 1607 / Server 2019, or with NetCease, NetrSessionEnum refuses every level to
     * a non-administrator); if every level is refused, the refusal says why: a session listing refused
     * at every level is {@link Failure#SESSIONS_REFUSED}.
     */
    public Listing enumerate(EnumCall.Kind kind, String[] filters, int[] levels, int preferredMaximumLength) {
        LevelFallback.Listing l = fallback.enumerate(kind.callName, levels, preferredMaximumLength, (level, askFor, resume) -> {
            EnumCall call = rpc.call(new EnumCall(kind, serverName, filters, level, askFor, (int) resume));
            Integer next = call.nextResumeHandle();
            return new LevelFallback.Page(call.status(), call.entries(), next == null ? null : next & 0xFFFFFFFFL);
        }, faults(kind));
        return new Listing(l.level(), l.entries(), l.pages());
    }

    private LevelFallback.Faults faults(EnumCall.Kind kind) {
        return new LevelFallback.Faults() {
            @Override
            public SmbkitException failure(int status, String what) {
                return WinError.failure(status, where, what, anonymous);
            }

            @Override
            public SmbkitException noProgress(String problem) {
                return new SmbkitException(Failure.MALFORMED_REPLY, where + ": " + problem, "Report this server's version");
            }

            @Override
            public SmbkitException allRefused(String call, int[] levels, int status) {
                if (kind == EnumCall.Kind.SESSIONS && WinError.ERROR_ACCESS_DENIED.is(status) && !anonymous) {
                    return new SmbkitException(Failure.SESSIONS_REFUSED, where + ": the session listing was refused at every level "
                            + "(NetrSessionEnum " + Arrays.toString(levels) + ": ERROR_ACCESS_DENIED), as Windows 10 1607 / "
                            + "Server 2019 and later (or NetCease) refuse it to a non-administrator",
                            "Log on with an account in the server's Administrators group (-U DOMAIN/admin or -A FILE), "
                            + "or run smbkit on the server itself (local mode: no HOST)");
                }
                return failure(status, call);
            }
        };
    }

    /** NetrServerGetInfo at the first level the server grants (102 needs an administrator on Windows). */
    public NdrStruct serverInfo(int... levels) {
        int lastStatus = 0;
        for (int level : levels) {
            ServerGetInfoCall call = rpc.call(new ServerGetInfoCall(serverName, level));
            if (WinError.ERROR_SUCCESS.is(call.status()) && call.info() != null) {
                return call.info();
            }
            lastStatus = call.status();
        }
        throw WinError.failure(lastStatus, where, "NetrServerGetInfo", anonymous);
    }

    /** NetrShareGetInfo at the first level granted; an unknown share is NOT_FOUND. */
    public NdrStruct shareInfo(String share, int... levels) {
        int lastStatus = 0;
        for (int level : levels) {
            ShareGetInfoCall call = rpc.call(new ShareGetInfoCall(serverName, share, level));
            if (WinError.ERROR_SUCCESS.is(call.status()) && call.info() != null) {
                return call.info();
            }
            if (WinError.NERR_NetNameNotFound.is(call.status())) {
                throw WinError.failure(call.status(), where, "NetrShareGetInfo " + share, anonymous);
            }
            lastStatus = call.status();
        }
        throw WinError.failure(lastStatus, where, "NetrShareGetInfo " + share, anonymous);
    }

    public void deleteSession(String client, String user) {
        RpcCall call = rpc.call(new RpcCall(SrvsvcOp.NetrSessionDel, serverName,
                client == null ? null : Srvsvc.serverName(client), user));
        if (WinError.ERROR_ACCESS_DENIED.is(call.status()) && !anonymous) {
            throw new SmbkitException(Failure.ACCESS_DENIED, where + ": this account may not close sessions "
                    + "(NetrSessionDel: ERROR_ACCESS_DENIED)",
                    "Windows wants an administrator; Samba wants root or a member of Domain Admins");
        }
        ok(call, "NetrSessionDel " + (client == null ? "" : client) + (user == null ? "" : " " + user));
    }

    public void closeFile(long id) {
        ok(rpc.call(new RpcCall(SrvsvcOp.NetrFileClose, serverName, (int) id)), "NetrFileClose " + id);
    }

    public void addShare(NdrStruct info502) {
        RpcCall call = rpc.call(new RpcCall(SrvsvcOp.NetrShareAdd, serverName, 502, info502, 0));
        Long parmErr = call.out("ParmErr");
        ok(call, "NetrShareAdd " + info502.str("netname")
                + (parmErr != null && parmErr != 0 ? " (refused field " + parmErr + ")" : ""));
    }

    public void deleteShare(String share) {
        ok(rpc.call(new RpcCall(SrvsvcOp.NetrShareDel, serverName, share, 0)), "NetrShareDel " + share);
    }

    private void ok(RpcCall call, String what) {
        if (!WinError.ERROR_SUCCESS.is(call.status())) {
            throw WinError.failure(call.status(), where, what, anonymous);
        }
    }
}
