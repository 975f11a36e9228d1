package smbkit.access.windows;

import java.util.List;
import java.util.Map;

import smbkit.rpc.ndr.Layout;
import smbkit.rpc.srvsvc.InfoLevels;

/**
 * The netapi32 info structures as 64-bit Windows lays them out, written out by hand from their declarations
 * in the Windows SDK documentation (lmshare.h, lmserver.h): LMSTR/LPWSTR and PSECURITY_DESCRIPTOR are 8-byte
 * pointers on 8, DWORD, LONG and BOOL 4 bytes on 4, a structure padded to its widest member. Nothing here is
 * computed: these numbers are what the code is checked against.
 */
final class Documented64 {

    private Documented64() {}

    enum Type { DWORD, LPWSTR, PSD }

    /** {@code sdk} is the member's name in the SDK, {@code ours} the field's name in smbkit's Layout. */
    record Member(String sdk, String ours, Type type, int offset) {}

    record Struct(String name, Layout layout, int size, List<Member> members) {
        Member member(String ours) {
            return members.stream().filter(m -> m.ours().equals(ours)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(name + " has no " + ours));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Member m(String sdk, String ours, Type type, int offset) {
        return new Member(sdk, ours, type, offset);
    }

    private static final Type D = Type.DWORD;
    private static final Type W = Type.LPWSTR;

    static final Struct SESSION_INFO_0 = new Struct("SESSION_INFO_0", InfoLevels.SESSION.get(0), 8, List.of(
            m("sesi0_cname", "cname", W, 0)));
    static final Struct SESSION_INFO_1 = new Struct("SESSION_INFO_1", InfoLevels.SESSION.get(1), 32, List.of(
            m("sesi1_cname", "cname", W, 0), m("sesi1_username", "username", W, 8),
            m("sesi1_num_opens", "num_opens", D, 16), m("sesi1_time", "time", D, 20),
            m("sesi1_idle_time", "idle_time", D, 24), m("sesi1_user_flags", "user_flags", D, 28)));
    static final Struct SESSION_INFO_2 = new Struct("SESSION_INFO_2", InfoLevels.SESSION.get(2), 40, List.of(
            m("sesi2_cname", "cname", W, 0), m("sesi2_username", "username", W, 8),
            m("sesi2_num_opens", "num_opens", D, 16), m("sesi2_time", "time", D, 20),
            m("sesi2_idle_time", "idle_time", D, 24), m("sesi2_user_flags", "user_flags", D, 28),
            m("sesi2_cltype_name", "cltype_name", W, 32)));
    static final Struct SESSION_INFO_10 = new Struct("SESSION_INFO_10", InfoLevels.SESSION.get(10), 24, List.of(
            m("sesi10_cname", "cname", W, 0), m("sesi10_username", "username", W, 8),
            m("sesi10_time", "time", D, 16), m("sesi10_idle_time", "idle_time", D, 20)));
    static final Struct SESSION_INFO_502 = new Struct("SESSION_INFO_502", InfoLevels.SESSION.get(502), 48, List.of(
            m("sesi502_cname", "cname", W, 0), m("sesi502_username", "username", W, 8),
            m("sesi502_num_opens", "num_opens", D, 16), m("sesi502_time", "time", D, 20),
            m("sesi502_idle_time", "idle_time", D, 24), m("sesi502_user_flags", "user_flags", D, 28),
            m("sesi502_cltype_name", "cltype_name", W, 32), m("sesi502_transport", "transport", W, 40)));

    static final Struct FILE_INFO_2 = new Struct("FILE_INFO_2", InfoLevels.FILE.get(2), 4, List.of(
            m("fi2_id", "id", D, 0)));
    static final Struct FILE_INFO_3 = new Struct("FILE_INFO_3", InfoLevels.FILE.get(3), 32, List.of(
            m("fi3_id", "id", D, 0), m("fi3_permissions", "permissions", D, 4), m("fi3_num_locks", "num_locks", D, 8),
            m("fi3_pathname", "path_name", W, 16), m("fi3_username", "username", W, 24)));

    static final Struct CONNECTION_INFO_0 = new Struct("CONNECTION_INFO_0", InfoLevels.CONNECTION.get(0), 4, List.of(
            m("coni0_id", "id", D, 0)));
    static final Struct CONNECTION_INFO_1 = new Struct("CONNECTION_INFO_1", InfoLevels.CONNECTION.get(1), 40, List.of(
            m("coni1_id", "id", D, 0), m("coni1_type", "type", D, 4), m("coni1_num_opens", "num_opens", D, 8),
            m("coni1_num_users", "num_users", D, 12), m("coni1_time", "time", D, 16),
            m("coni1_username", "username", W, 24), m("coni1_netname", "netname", W, 32)));

    static final Struct SHARE_INFO_0 = new Struct("SHARE_INFO_0", InfoLevels.SHARE.get(0), 8, List.of(
            m("shi0_netname", "netname", W, 0)));
    static final Struct SHARE_INFO_1 = new Struct("SHARE_INFO_1", InfoLevels.SHARE.get(1), 24, List.of(
            m("shi1_netname", "netname", W, 0), m("shi1_type", "type", D, 8), m("shi1_remark", "remark", W, 16)));
    static final Struct SHARE_INFO_2 = new Struct("SHARE_INFO_2", InfoLevels.SHARE.get(2), 56, List.of(
            m("shi2_netname", "netname", W, 0), m("shi2_type", "type", D, 8), m("shi2_remark", "remark", W, 16),
            m("shi2_permissions", "permissions", D, 24), m("shi2_max_uses", "max_uses", D, 28),
            m("shi2_current_uses", "current_uses", D, 32), m("shi2_path", "path", W, 40),
            m("shi2_passwd", "passwd", W, 48)));
    static final Struct SHARE_INFO_502 = new Struct("SHARE_INFO_502", InfoLevels.SHARE.get(502), 72, List.of(
            m("shi502_netname", "netname", W, 0), m("shi502_type", "type", D, 8), m("shi502_remark", "remark", W, 16),
            m("shi502_permissions", "permissions", D, 24), m("shi502_max_uses", "max_uses", D, 28),
            m("shi502_current_uses", "current_uses", D, 32), m("shi502_path", "path", W, 40),
            m("shi502_passwd", "passwd", W, 48), m("shi502_reserved", "reserved", D, 56),
            m("shi502_security_descriptor", "security_descriptor", Type.PSD, 64)));

    static final Struct SERVER_INFO_100 = new Struct("SERVER_INFO_100", InfoLevels.SERVER.get(100), 16, List.of(
            m("sv100_platform_id", "platform_id", D, 0), m("sv100_name", "name", W, 8)));
    static final Struct SERVER_INFO_101 = new Struct("SERVER_INFO_101", InfoLevels.SERVER.get(101), 40, List.of(
            m("sv101_platform_id", "platform_id", D, 0), m("sv101_name", "name", W, 8),
            m("sv101_version_major", "version_major", D, 16), m("sv101_version_minor", "version_minor", D, 20),
            m("sv101_type", "type", D, 24), m("sv101_comment", "comment", W, 32)));
    static final Struct SERVER_INFO_102 = new Struct("SERVER_INFO_102", InfoLevels.SERVER.get(102), 72, List.of(
            m("sv102_platform_id", "platform_id", D, 0), m("sv102_name", "name", W, 8),
            m("sv102_version_major", "version_major", D, 16), m("sv102_version_minor", "version_minor", D, 20),
            m("sv102_type", "type", D, 24), m("sv102_comment", "comment", W, 32), m("sv102_users", "users", D, 40),
            m("sv102_disc", "disc", D, 44), m("sv102_hidden", "hidden", D, 48), m("sv102_announce", "announce", D, 52),
            m("sv102_anndelta", "anndelta", D, 56), m("sv102_licenses", "licenses", D, 60),
            m("sv102_userpath", "userpath", W, 64)));

    static final List<Struct> ALL = List.of(SESSION_INFO_0, SESSION_INFO_1, SESSION_INFO_2, SESSION_INFO_10,
            SESSION_INFO_502, FILE_INFO_2, FILE_INFO_3, CONNECTION_INFO_0, CONNECTION_INFO_1, SHARE_INFO_0,
            SHARE_INFO_1, SHARE_INFO_2, SHARE_INFO_502, SERVER_INFO_100, SERVER_INFO_101, SERVER_INFO_102);

    /** The structure each call returns at each level, as WindowsServer asks for them. */
    static final Map<String, Map<Integer, Struct>> BY_CALL = Map.of(
            "NetSessionEnum", Map.of(0, SESSION_INFO_0, 1, SESSION_INFO_1, 2, SESSION_INFO_2, 10, SESSION_INFO_10,
                    502, SESSION_INFO_502),
            "NetFileEnum", Map.of(2, FILE_INFO_2, 3, FILE_INFO_3),
            "NetConnectionEnum", Map.of(0, CONNECTION_INFO_0, 1, CONNECTION_INFO_1),
            "NetShareEnum", Map.of(1, SHARE_INFO_1, 2, SHARE_INFO_2, 502, SHARE_INFO_502),
            "NetShareGetInfo", Map.of(1, SHARE_INFO_1, 2, SHARE_INFO_2, 502, SHARE_INFO_502),
            "NetServerGetInfo", Map.of(100, SERVER_INFO_100, 101, SERVER_INFO_101, 102, SERVER_INFO_102));
}
