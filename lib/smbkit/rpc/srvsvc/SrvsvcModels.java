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

    private static Long optional(NdrStruct s, String field) {
        return s.has(field) ? s.u32(field) : null;
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
                clientName(s.str("cname")),
                s.str("username"),
                optional(s, "num_opens"),
                seconds(s, "time"),
                seconds(s, "idle_time"),
                optional(s, "user_flags"),
                s.str("cltype_name"),
                s.str("transport"));
    }

    public static ServerInfo serverInfo(NdrStruct s) {
        return new ServerInfo(
                s.str("name"),
                s.u32("platform_id"),
                s.u32("version_major"),
                s.u32("version_minor"),
                s.u32("type"),
                s.str("comment"),
                optional(s, "users"));
    }

    public static OpenFile openFile(NdrStruct s) {
        return new OpenFile(s.u32("id"), optional(s, "permissions"), optional(s, "num_locks"), s.str("path_name"),
                s.str("username"));
    }

    public static Connection connection(String qualifier, NdrStruct s) {
        return new Connection(qualifier, s.u32("id"), optional(s, "type"), optional(s, "num_opens"),
                optional(s, "num_users"), seconds(s, "time"), s.str("username"), clientName(s.str("netname")));
    }

    public static Share share(NdrStruct s) {
        return new Share(s.str("netname"), s.u32("type"), s.str("remark"), optional(s, "permissions"),
                optional(s, "max_uses"), optional(s, "current_uses"), s.str("path"), s.blob("security_descriptor"));
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
