package smbkit.rpc.srvsvc;

import java.util.List;
import java.util.Map;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.RpcCall;
import smbkit.rpc.Win32;
import smbkit.rpc.ndr.InfoContainer;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.ndr.NdrParams;
import smbkit.rpc.ndr.NdrStruct;

/**
 * The four MS-SRVS enumerations share one shape: server name, optional string filters, an
 * {@code *_ENUM_STRUCT} (level, then a pointer to a container), the preferred maximum length and a
 * resume handle; the reply returns the struct, TotalEntries and the next resume handle.
 */
public final class EnumCall extends RpcCall {

    /** Which enumeration, with its opnum, its filters and its info levels. */
    public enum Kind {
        CONNECTIONS("NetrConnectionEnum", Srvsvc.OP_CONNECTION_ENUM, 1, InfoLevels.CONNECTION),
        FILES("NetrFileEnum", Srvsvc.OP_FILE_ENUM, 2, InfoLevels.FILE),
        SESSIONS("NetrSessionEnum", Srvsvc.OP_SESSION_ENUM, 2, InfoLevels.SESSION),
        SHARES("NetrShareEnumAll", Srvsvc.OP_SHARE_ENUM_ALL, 0, InfoLevels.SHARE);

        final String callName;
        final int opnum;
        final int filters;
        final Map<Integer, Layout> levels;

        Kind(String callName, int opnum, int filters, Map<Integer, Layout> levels) {
            this.callName = callName;
            this.opnum = opnum;
            this.filters = filters;
            this.levels = levels;
        }
    }

    private final Kind kind;
    private final String serverName;
    private final String[] filters;
    private final int level;
    private final Layout layout;
    private final int preferredMaximumLength;
    private final Integer resumeHandle;

    private List<NdrStruct> entries = List.of();
    private long totalEntries;
    private Integer nextResumeHandle;

    /**
     * @param filters the call's string arguments in order (ClientName and UserName; BasePath and UserName;
     *                Qualifier; none), each null for a NULL pointer
     * @param resumeHandle null sends a NULL pointer (no paging)
     */
    public EnumCall(Kind kind, String serverName, String[] filters, int level, int preferredMaximumLength,
            Integer resumeHandle) {
        if (filters.length != kind.filters) {
            throw new IllegalArgumentException(kind.callName + " takes " + kind.filters + " filters");
        }
        this.kind = kind;
        this.serverName = serverName;
        this.filters = filters.clone();
        this.level = level;
        this.layout = InfoLevels.of(kind.levels, level, kind.callName);
        this.preferredMaximumLength = preferredMaximumLength;
        this.resumeHandle = resumeHandle;
    }

    @Override
    public String name() {
        return kind.callName;
    }

    @Override
    public int getOpnum() {
        return kind.opnum;
    }

    public int level() {
        return level;
    }

    public List<NdrStruct> entries() {
        return entries;
    }

    public long totalEntries() {
        return totalEntries;
    }

    /** The resume handle to send for the next page; null when the server returned a NULL pointer. */
    public Integer nextResumeHandle() {
        return nextResumeHandle;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        NdrParams.uniqueString(buf, serverName);
        for (String f : filters) {
            NdrParams.uniqueString(buf, f);
        }
        buf.enc_ndr_long(level);
        buf.enc_ndr_long(level); // the union's discriminant
        InfoContainer empty = new InfoContainer(layout, null);
        buf.enc_ndr_referent(empty, 1);
        empty.encode(buf);
        buf.enc_ndr_long(preferredMaximumLength);
        buf.enc_ndr_referent(resumeHandle, 1);
        if (resumeHandle != null) {
            buf.enc_ndr_long(resumeHandle);
        }
    }

    @Override
    protected void decodeOut(NdrBuffer buf) throws NdrException {
        int replyLevel = buf.dec_ndr_long();
        int tag = buf.dec_ndr_long();
        if (replyLevel != tag) {
            throw new MalformedReplyException(kind.callName + " reply has level " + replyLevel
                    + " but union tag " + tag);
        }
        boolean container = buf.dec_ndr_long() != 0;
        if (container) {
            Layout replyLayout = kind.levels.get(replyLevel);
            if (replyLayout == null) {
                throw new MalformedReplyException(kind.callName + " reply has unknown level " + replyLevel);
            }
            InfoContainer c = new InfoContainer(replyLayout, null);
            c.decode(buf);
            entries = c.entries();
        }
        totalEntries = buf.dec_ndr_long() & 0xFFFFFFFFL;
        nextResumeHandle = buf.dec_ndr_long() != 0 ? buf.dec_ndr_long() : null;
        status = buf.dec_ndr_long();
        if (status == Srvsvc.ERROR_SUCCESS || status == Srvsvc.ERROR_MORE_DATA) {
            checkListing(replyLevel, container);
        }
    }

    /**
     * A listing the server calls complete must be one: at the level asked (a level-0 reply to a level-502
     * request would be listed as 502, its missing fields as absent), with a container, TotalEntries at
     * least what it returned, and the names that identify each entry.
     */
    private void checkListing(int replyLevel, boolean container) {
        String what = kind.callName + " (" + Win32.name(status) + ")";
        if (replyLevel != level) {
            throw new MalformedReplyException(what + " answered level " + replyLevel + " to a request for level " + level);
        }
        if (!container) {
            throw new MalformedReplyException(what + " returned no container");
        }
        if (totalEntries < entries.size()) {
            throw new MalformedReplyException(what + " returned " + entries.size() + " entries but TotalEntries "
                    + totalEntries);
        }
        String required = switch (kind) {
            case SESSIONS -> "cname";
            case SHARES -> "netname";
            default -> null;
        };
        for (NdrStruct e : required == null ? List.<NdrStruct>of() : entries) {
            String v = e.str(required);
            if (v == null || v.isEmpty()) {
                throw new MalformedReplyException(what + " returned a " + layout.name() + " with "
                        + (v == null ? "a NULL " : "an empty ") + required);
            }
        }
    }
}
