package smbkit.rpc.srvsvc;

import static smbkit.rpc.ndr.Layout.blob;
import static smbkit.rpc.ndr.Layout.u32;
import static smbkit.rpc.ndr.Layout.wstr;

import java.util.List;
import java.util.Map;

import smbkit.rpc.ndr.Layout;

/** The MS-SRVS info structures smbkit reads, one layout per level, field names as in the spec minus prefixes. */
public final class InfoLevels {

    private InfoLevels() {}

    public static final Map<Integer, Layout> SESSION = Map.of(
            0, Layout.of("SESSION_INFO_0", wstr("cname")),
            1, Layout.of("SESSION_INFO_1", wstr("cname"), wstr("username"), u32("num_opens"), u32("time"),
                    u32("idle_time"), u32("user_flags")),
            2, Layout.of("SESSION_INFO_2", wstr("cname"), wstr("username"), u32("num_opens"), u32("time"),
                    u32("idle_time"), u32("user_flags"), wstr("cltype_name")),
            10, Layout.of("SESSION_INFO_10", wstr("cname"), wstr("username"), u32("time"), u32("idle_time")),
            502, Layout.of("SESSION_INFO_502", wstr("cname"), wstr("username"), u32("num_opens"), u32("time"),
                    u32("idle_time"), u32("user_flags"), wstr("cltype_name"), wstr("transport")));

    public static final Map<Integer, Layout> FILE = Map.of(
            2, Layout.of("FILE_INFO_2", u32("id")),
            3, Layout.of("FILE_INFO_3", u32("id"), u32("permissions"), u32("num_locks"), wstr("path_name"),
                    wstr("username")));

    public static final Map<Integer, Layout> CONNECTION = Map.of(
            0, Layout.of("CONNECTION_INFO_0", u32("id")),
            1, Layout.of("CONNECTION_INFO_1", u32("id"), u32("type"), u32("num_opens"), u32("num_users"),
                    u32("time"), wstr("username"), wstr("netname")));

    public static final Map<Integer, Layout> SHARE = Map.of(
            0, Layout.of("SHARE_INFO_0", wstr("netname")),
            1, Layout.of("SHARE_INFO_1", wstr("netname"), u32("type"), wstr("remark")),
            2, Layout.of("SHARE_INFO_2", wstr("netname"), u32("type"), wstr("remark"), u32("permissions"),
                    u32("max_uses"), u32("current_uses"), wstr("path"), wstr("passwd")),
            502, Layout.of("SHARE_INFO_502", wstr("netname"), u32("type"), wstr("remark"), u32("permissions"),
                    u32("max_uses"), u32("current_uses"), wstr("path"), wstr("passwd"), u32("reserved"),
                    blob("security_descriptor", "reserved")));

    public static final Map<Integer, Layout> SERVER = Map.of(
            100, Layout.of("SERVER_INFO_100", u32("platform_id"), wstr("name")),
            101, Layout.of("SERVER_INFO_101", u32("platform_id"), wstr("name"), u32("version_major"),
                    u32("version_minor"), u32("type"), wstr("comment")),
            102, Layout.of("SERVER_INFO_102", u32("platform_id"), wstr("name"), u32("version_major"),
                    u32("version_minor"), u32("type"), wstr("comment"), u32("users"), u32("disc"), u32("hidden"),
                    u32("announce"), u32("anndelta"), u32("licenses"), wstr("userpath")));

    /**
     * Whether {@code info}'s level has {@code field}; false when only other levels of its family do. A name
     * that no level of the family has is a typo and throws.
     */
    static boolean carries(smbkit.rpc.ndr.NdrStruct info, String field) {
        if (info.has(field)) {
            return true;
        }
        for (Map<Integer, Layout> family : List.of(SESSION, FILE, CONNECTION, SHARE, SERVER)) {
            // by identity: layouts are declared once, and a record's equals would compare them deeply (and spin
            // method-handle classes on its first call, on every run's path)
            if (family.values().stream().anyMatch(l -> l == info.layout())) {
                for (Layout l : family.values()) {
                    if (l.indexOf(field) >= 0) {
                        return false;
                    }
                }
            }
        }
        throw new IllegalArgumentException(info.layout().name() + " and its kin have no field " + field);
    }

    /** The layout of {@code level} in the family {@code info} belongs to (null when it has none). */
    static Layout layoutOf(smbkit.rpc.ndr.NdrStruct info, int level) {
        for (Map<Integer, Layout> family : List.of(SESSION, FILE, CONNECTION, SHARE, SERVER)) {
            // by identity: layouts are declared once, and a record's equals would compare them deeply (and spin
            // method-handle classes on its first call, on every run's path)
            if (family.values().stream().anyMatch(l -> l == info.layout())) {
                return family.get(level);
            }
        }
        return null;
    }

    /** {@code level} when the family has it; otherwise an IllegalArgumentException naming the known ones. */
    static int known(Map<Integer, Layout> levels, int level, String what) {
        of(levels, level, what);
        return level;
    }

    static Layout of(Map<Integer, Layout> levels, int level, String what) {
        Layout l = levels.get(level);
        if (l == null) {
            throw new IllegalArgumentException(what + " has no info level " + level + "; known: " + levels.keySet());
        }
        return l;
    }
}
