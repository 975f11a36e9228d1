package smbkit.access.windows;

import java.util.Map;
import java.util.function.Supplier;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/**
 * The info structures declared once more, member by member with their SDK types, as JNA Structures with
 * Windows' (MSVC) alignment: JNA then computes each offset itself, a second opinion on the hand-written
 * numbers of {@link Documented64} and on smbkit's own layout. LMSTR, LPWSTR and PSECURITY_DESCRIPTOR are
 * Pointers (8 bytes on a 64-bit JVM); DWORD, LONG and BOOL are ints.
 */
final class SdkStructures {

    private SdkStructures() {}

    /** A structure laid out as MSVC lays it out, with its offsets readable by name. */
    public abstract static class Sdk extends Structure {
        protected Sdk() {
            super(ALIGN_MSVC);
        }

        int offsetOf(String member) {
            return fieldOffset(member);
        }
    }

    @FieldOrder({"sesi0_cname"})
    public static class SESSION_INFO_0 extends Sdk {
        public Pointer sesi0_cname;
    }

    @FieldOrder({"sesi1_cname", "sesi1_username", "sesi1_num_opens", "sesi1_time", "sesi1_idle_time", "sesi1_user_flags"})
    public static class SESSION_INFO_1 extends Sdk {
        public Pointer sesi1_cname;
        public Pointer sesi1_username;
        public int sesi1_num_opens;
        public int sesi1_time;
        public int sesi1_idle_time;
        public int sesi1_user_flags;
    }

    @FieldOrder({"sesi2_cname", "sesi2_username", "sesi2_num_opens", "sesi2_time", "sesi2_idle_time", "sesi2_user_flags",
            "sesi2_cltype_name"})
    public static class SESSION_INFO_2 extends Sdk {
        public Pointer sesi2_cname;
        public Pointer sesi2_username;
        public int sesi2_num_opens;
        public int sesi2_time;
        public int sesi2_idle_time;
        public int sesi2_user_flags;
        public Pointer sesi2_cltype_name;
    }

    @FieldOrder({"sesi10_cname", "sesi10_username", "sesi10_time", "sesi10_idle_time"})
    public static class SESSION_INFO_10 extends Sdk {
        public Pointer sesi10_cname;
        public Pointer sesi10_username;
        public int sesi10_time;
        public int sesi10_idle_time;
    }

    @FieldOrder({"sesi502_cname", "sesi502_username", "sesi502_num_opens", "sesi502_time", "sesi502_idle_time",
            "sesi502_user_flags", "sesi502_cltype_name", "sesi502_transport"})
    public static class SESSION_INFO_502 extends Sdk {
        public Pointer sesi502_cname;
        public Pointer sesi502_username;
        public int sesi502_num_opens;
        public int sesi502_time;
        public int sesi502_idle_time;
        public int sesi502_user_flags;
        public Pointer sesi502_cltype_name;
        public Pointer sesi502_transport;
    }

    @FieldOrder({"fi2_id"})
    public static class FILE_INFO_2 extends Sdk {
        public int fi2_id;
    }

    @FieldOrder({"fi3_id", "fi3_permissions", "fi3_num_locks", "fi3_pathname", "fi3_username"})
    public static class FILE_INFO_3 extends Sdk {
        public int fi3_id;
        public int fi3_permissions;
        public int fi3_num_locks;
        public Pointer fi3_pathname;
        public Pointer fi3_username;
    }

    @FieldOrder({"coni0_id"})
    public static class CONNECTION_INFO_0 extends Sdk {
        public int coni0_id;
    }

    @FieldOrder({"coni1_id", "coni1_type", "coni1_num_opens", "coni1_num_users", "coni1_time", "coni1_username",
            "coni1_netname"})
    public static class CONNECTION_INFO_1 extends Sdk {
        public int coni1_id;
        public int coni1_type;
        public int coni1_num_opens;
        public int coni1_num_users;
        public int coni1_time;
        public Pointer coni1_username;
        public Pointer coni1_netname;
    }

    @FieldOrder({"shi0_netname"})
    public static class SHARE_INFO_0 extends Sdk {
        public Pointer shi0_netname;
    }

    @FieldOrder({"shi1_netname", "shi1_type", "shi1_remark"})
    public static class SHARE_INFO_1 extends Sdk {
        public Pointer shi1_netname;
        public int shi1_type;
        public Pointer shi1_remark;
    }

    @FieldOrder({"shi2_netname", "shi2_type", "shi2_remark", "shi2_permissions", "shi2_max_uses", "shi2_current_uses",
            "shi2_path", "shi2_passwd"})
    public static class SHARE_INFO_2 extends Sdk {
        public Pointer shi2_netname;
        public int shi2_type;
        public Pointer shi2_remark;
        public int shi2_permissions;
        public int shi2_max_uses;
        public int shi2_current_uses;
        public Pointer shi2_path;
        public Pointer shi2_passwd;
    }

    @FieldOrder({"shi502_netname", "shi502_type", "shi502_remark", "shi502_permissions", "shi502_max_uses",
            "shi502_current_uses", "shi502_path", "shi502_passwd", "shi502_reserved", "shi502_security_descriptor"})
    public static class SHARE_INFO_502 extends Sdk {
        public Pointer shi502_netname;
        public int shi502_type;
        public Pointer shi502_remark;
        public int shi502_permissions;
        public int shi502_max_uses;
        public int shi502_current_uses;
        public Pointer shi502_path;
        public Pointer shi502_passwd;
        public int shi502_reserved;
        public Pointer shi502_security_descriptor;
    }

    @FieldOrder({"sv100_platform_id", "sv100_name"})
    public static class SERVER_INFO_100 extends Sdk {
        public int sv100_platform_id;
        public Pointer sv100_name;
    }

    @FieldOrder({"sv101_platform_id", "sv101_name", "sv101_version_major", "sv101_version_minor", "sv101_type",
            "sv101_comment"})
    public static class SERVER_INFO_101 extends Sdk {
        public int sv101_platform_id;
        public Pointer sv101_name;
        public int sv101_version_major;
        public int sv101_version_minor;
        public int sv101_type;
        public Pointer sv101_comment;
    }

    @FieldOrder({"sv102_platform_id", "sv102_name", "sv102_version_major", "sv102_version_minor", "sv102_type",
            "sv102_comment", "sv102_users", "sv102_disc", "sv102_hidden", "sv102_announce", "sv102_anndelta",
            "sv102_licenses", "sv102_userpath"})
    public static class SERVER_INFO_102 extends Sdk {
        public int sv102_platform_id;
        public Pointer sv102_name;
        public int sv102_version_major;
        public int sv102_version_minor;
        public int sv102_type;
        public Pointer sv102_comment;
        public int sv102_users;
        public int sv102_disc; // LONG: 4 bytes on Windows (LLP64), whatever a C long is on Linux
        public int sv102_hidden; // BOOL
        public int sv102_announce;
        public int sv102_anndelta;
        public int sv102_licenses;
        public Pointer sv102_userpath;
    }

    static final Map<String, Supplier<Sdk>> BY_NAME = Map.ofEntries(
            Map.entry("SESSION_INFO_0", SESSION_INFO_0::new), Map.entry("SESSION_INFO_1", SESSION_INFO_1::new),
            Map.entry("SESSION_INFO_2", SESSION_INFO_2::new), Map.entry("SESSION_INFO_10", SESSION_INFO_10::new),
            Map.entry("SESSION_INFO_502", SESSION_INFO_502::new), Map.entry("FILE_INFO_2", FILE_INFO_2::new),
            Map.entry("FILE_INFO_3", FILE_INFO_3::new), Map.entry("CONNECTION_INFO_0", CONNECTION_INFO_0::new),
            Map.entry("CONNECTION_INFO_1", CONNECTION_INFO_1::new), Map.entry("SHARE_INFO_0", SHARE_INFO_0::new),
            Map.entry("SHARE_INFO_1", SHARE_INFO_1::new), Map.entry("SHARE_INFO_2", SHARE_INFO_2::new),
            Map.entry("SHARE_INFO_502", SHARE_INFO_502::new), Map.entry("SERVER_INFO_100", SERVER_INFO_100::new),
            Map.entry("SERVER_INFO_101", SERVER_INFO_101::new), Map.entry("SERVER_INFO_102", SERVER_INFO_102::new));
}
