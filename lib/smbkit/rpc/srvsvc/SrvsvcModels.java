package smbkit.rpc.srvsvc;

import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.Share;
import smbkit.rpc.ndr.NdrStruct;

/** From MS-SRVS info structures to smbkit's model: one mapping for every level of a kind. */
public final class SrvsvcModels {

    private SrvsvcModels() {}

    /** Windows sends "\\10.0.0.5", Samba "10.0.0.5": keep the address only. */
    static String clientName(String cname) {
        if (cname == null) {
            return null;
        }
        String c = cname;
        while (c.startsWith("\\")) {
            c = c.substring(1);
        }
        return c;
    }

    /** A number only some levels of the family carry: null at the others. A name no level has throws. */
    private static Long optional(NdrStruct s, String field) {
        return InfoLevels.carries(s, field) ? s.u32(field) : null;
    }

    /** A string only some levels of the family carry: null at the others. A name no level has throws. */
    private static String text(NdrStruct s, String field) {
        return InfoLevels.carries(s, field) ? s.str(field) : null;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static byte[] bytes(NdrStruct s, String field) {
        return InfoLevels.carries(s, field) ? s.blob(field) : null;
    }

    /**
     * A duration in seconds. Samba computes it as now minus the start and can send -1 for a session that
     * began this second; no session is 68 years old, so a value with the top bit set is taken as 0.
     */
    private static Long seconds(NdrStruct s, String field) {
        Long v = optional(s, field);
        return v != null && v >= 0x80000000L ? Long.valueOf(0) : v;
    }

    /**
     * A NULL user name pointer is carried as absent (the session's kind is then unknown), never as the
     * empty name by which Windows marks a NULL session.
     */
    public static Session session(NdrStruct s) {
        return new Session(
                clientName(text(s, "cname")),
                text(s, "username"),
                optional(s, "num_opens"),
                seconds(s, "time"),
                seconds(s, "idle_time"),
                optional(s, "user_flags"),
                text(s, "cltype_name"),
                text(s, "transport"));
    }

    public static ServerInfo serverInfo(NdrStruct s) {
        return new ServerInfo(
                text(s, "name"),
                s.u32("platform_id"),
                orZero(optional(s, "version_major")),
                orZero(optional(s, "version_minor")),
                orZero(optional(s, "type")),
                text(s, "comment"),
                optional(s, "users"));
    }

    public static OpenFile openFile(NdrStruct s) {
        return new OpenFile(s.u32("id"), optional(s, "permissions"), optional(s, "num_locks"), text(s, "path_name"),
                text(s, "username"));
    }

    public static Connection connection(String qualifier, NdrStruct s) {
        return new Connection(qualifier, s.u32("id"), optional(s, "type"), optional(s, "num_opens"),
                optional(s, "num_users"), seconds(s, "time"), text(s, "username"), clientName(text(s, "netname")));
    }

    public static Share share(NdrStruct s) {
        return new Share(text(s, "netname"), s.u32("type"), text(s, "remark"), optional(s, "permissions"),
                optional(s, "max_uses"), optional(s, "current_uses"), text(s, "path"), bytes(s, "security_descriptor"));
    }

    /** The SHARE_INFO_502 that re-creates a share as it was (current uses are the server's to count). */
    public static NdrStruct shareInfo502(Share share) {
        byte[] sd = share.securityDescriptor();
        return new NdrStruct(InfoLevels.SHARE.get(502))
                .set("netname", share.name())
                .set("type", (int) share.type())
                .set("remark", share.remark() == null ? "" : share.remark())
                .set("permissions", share.permissions() == null ? 0 : share.permissions().intValue())
                .set("max_uses", share.maxUses() == null ? -1 : share.maxUses().intValue())
                .set("current_uses", 0)
                .set("path", share.path())
                .set("passwd", null)
                .set("reserved", sd == null ? 0 : sd.length)
                .set("security_descriptor", sd);
    }
}
