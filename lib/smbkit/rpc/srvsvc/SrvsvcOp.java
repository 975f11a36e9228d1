package smbkit.rpc.srvsvc;

import static smbkit.rpc.RpcOperation.params;
import static smbkit.rpc.ndr.NdrTypes.REF_WSTR;
import static smbkit.rpc.ndr.NdrTypes.U32;
import static smbkit.rpc.ndr.NdrTypes.UNIQUE_U32;
import static smbkit.rpc.ndr.NdrTypes.UNIQUE_WSTR;
import static smbkit.rpc.ndr.NdrTypes.enumStruct;
import static smbkit.rpc.ndr.NdrTypes.infoUnion;

import java.util.List;
import java.util.Map;

import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcOperation;
import smbkit.rpc.WinError;
import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.ndr.NdrTypes.Enumeration;

/** The MS-SRVS operations smbkit calls, declared as data: opnum, request and response parameters (MS-SRVS 3.1.4). */
public enum SrvsvcOp implements RpcOperation {

    NetrConnectionEnum(8, enumRequest("Qualifier", InfoLevels.CONNECTION), enumResponse(InfoLevels.CONNECTION),
            r -> checkListing(r, null)),
    NetrFileEnum(9, enumRequest("BasePath", "UserName", InfoLevels.FILE), enumResponse(InfoLevels.FILE),
            r -> checkListing(r, null)),
    NetrFileClose(11, params("ServerName", UNIQUE_WSTR, "FileId", U32), List.of(), Check.NONE),
    NetrSessionEnum(12, enumRequest("ClientName", "UserName", InfoLevels.SESSION), enumResponse(InfoLevels.SESSION),
            r -> checkListing(r, "cname")),
    NetrSessionDel(13, params("ServerName", UNIQUE_WSTR, "ClientName", UNIQUE_WSTR, "UserName", UNIQUE_WSTR), List.of(),
            Check.NONE),
    NetrShareAdd(14, params("ServerName", UNIQUE_WSTR, "Level", U32, "InfoStruct", infoUnion(InfoLevels.SHARE),
            "ParmErr", UNIQUE_U32), params("ParmErr", UNIQUE_U32), Check.NONE),
    NetrShareEnumAll(15, enumRequest(InfoLevels.SHARE), enumResponse(InfoLevels.SHARE), r -> checkListing(r, "netname")),
    NetrShareGetInfo(16, params("ServerName", UNIQUE_WSTR, "NetName", REF_WSTR, "Level", U32),
            params("InfoStruct", infoUnion(InfoLevels.SHARE)), r -> checkInfo(r, "netname")),
    NetrShareDel(18, params("ServerName", UNIQUE_WSTR, "NetName", REF_WSTR, "Reserved", U32), List.of(), Check.NONE),
    NetrServerGetInfo(21, params("ServerName", UNIQUE_WSTR, "Level", U32),
            params("InfoStruct", infoUnion(InfoLevels.SERVER)), r -> checkInfo(r, null));

    private final Declaration declaration;

    SrvsvcOp(int opnum, List<Param> request, List<Param> response, Check check) {
        this.declaration = new Declaration(opnum, request, response, check);
    }

    @Override
    public Declaration declaration() {
        return declaration;
    }

    /**
     * The four enumerations share one shape: server name, their string filters, an {@code *_ENUM_STRUCT}
     * (level, then a pointer to a container), the preferred maximum length and a resume handle.
     */
    private static List<Param> enumRequest(Object... filtersThenLevels) {
        Object[] p = new Object[2 * filtersThenLevels.length + 6];
        int i = 0;
        p[i++] = "ServerName";
        p[i++] = UNIQUE_WSTR;
        for (int f = 0; f < filtersThenLevels.length - 1; f++) {
            p[i++] = filtersThenLevels[f];
            p[i++] = UNIQUE_WSTR;
        }
        @SuppressWarnings("unchecked")
        Map<Integer, Layout> levels = (Map<Integer, Layout>) filtersThenLevels[filtersThenLevels.length - 1];
        p[i++] = "InfoStruct";
        p[i++] = enumStruct(levels);
        p[i++] = "PreferedMaximumLength";
        p[i++] = U32;
        p[i++] = "ResumeHandle";
        p[i++] = UNIQUE_U32;
        return params(java.util.Arrays.copyOf(p, i));
    }

    private static List<Param> enumResponse(Map<Integer, Layout> levels) {
        return params("InfoStruct", enumStruct(levels), "TotalEntries", U32, "ResumeHandle", UNIQUE_U32);
    }

    /**
     * A listing the server calls complete must be one: at the level asked (a level-0 reply to a level-502
     * request would be listed as 502, its missing fields as absent), with a container, TotalEntries at
     * least what it returned, and the names that identify each entry.
     */
    private static void checkListing(RpcCall r, String required) {
        if (r.status() != WinError.ERROR_SUCCESS.code && r.status() != WinError.ERROR_MORE_DATA.code) {
            return;
        }
        Enumeration e = r.out("InfoStruct");
        int level = (Integer) r.in("InfoStruct");
        long total = r.<Long>out("TotalEntries");
        String what = r.name() + " (" + WinError.name(r.status()) + ")";
        if (e.level() != level) {
            throw new MalformedReplyException(what + " answered level " + e.level() + " to a request for level " + level);
        }
        if (!e.container()) {
            throw new MalformedReplyException(what + " returned no container");
        }
        if (total < e.entries().size()) {
            throw new MalformedReplyException(what + " returned " + e.entries().size() + " entries but TotalEntries "
                    + total);
        }
        for (NdrStruct s : required == null ? List.<NdrStruct>of() : e.entries()) {
            String v = s.str(required);
            if (v == null || v.isEmpty()) {
                throw new MalformedReplyException(what + " returned a " + s.layout().name() + " with "
                        + (v == null ? "a NULL " : "an empty ") + required);
            }
        }
    }

    /**
     * A GetInfo reply with ERROR_SUCCESS carries the structure asked for: a NULL arm, another level, or (for
     * {@code required}) a NULL or empty name is not an answer.
     */
    private static void checkInfo(RpcCall r, String required) {
        if (r.status() != WinError.ERROR_SUCCESS.code) {
            return;
        }
        NdrStruct info = r.out("InfoStruct");
        int level = ((Number) r.in("Level")).intValue();
        if (info == null) {
            throw new MalformedReplyException(r.name() + " returned ERROR_SUCCESS with a NULL info pointer");
        }
        if (info.layout() != InfoLevels.layoutOf(info, level)) { // declared once: the same object
            throw new MalformedReplyException(r.name() + " answered " + info.layout().name() + " to a request for level " + level);
        }
        if (required != null && (info.str(required) == null || info.str(required).isEmpty())) {
            throw new MalformedReplyException(r.name() + " returned a " + info.layout().name() + " without its " + required);
        }
    }
}
