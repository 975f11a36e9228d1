package smbkit.rpc.rap;

import java.util.ArrayList;
import java.util.List;

/** The server type bits of a browse list entry or host announcement (MS-RAP 2.5.5.2.1, SV_TYPE_*), named. */
public final class ServerTypes {

    private ServerTypes() {}

    public static final int WORKSTATION = 0x00000001;
    public static final int SERVER = 0x00000002;
    public static final int DOMAIN_CTRL = 0x00000008;
    public static final int DOMAIN_BAKCTRL = 0x00000010;
    public static final int PRINTQ_SERVER = 0x00000200;
    public static final int NT = 0x00001000;
    public static final int SERVER_NT = 0x00008000;
    public static final int POTENTIAL_BROWSER = 0x00010000;
    public static final int BACKUP_BROWSER = 0x00020000;
    public static final int MASTER_BROWSER = 0x00040000;
    public static final int DOMAIN_MASTER = 0x00080000;

    private static final String[] NAMES = {
        "workstation", "server", "sql_server", "domain_controller", "backup_domain_controller", "time_source",
        "apple", "novell", "domain_member", "print_queue_server", "dialin_server", "unix_server", "nt",
        "windows_for_workgroups", "mfpn", "nt_server", "potential_browser", "backup_browser", "master_browser",
        "domain_master_browser", "osf", "vms", "windows", "dfs", "cluster_nt", "terminal_server",
        "cluster_virtual_server", null, "dce", "alternate_transport", "local_list_only", "domain_enum"};

    /** The names of the bits set, lowest first; an unnamed bit as {@code bit_N}. */
    public static List<String> names(int type) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if ((type & (1 << bit)) != 0) {
                out.add(NAMES[bit] != null ? NAMES[bit] : "bit_" + bit);
            }
        }
        return out;
    }

    public static boolean has(int type, int bit) {
        return (type & bit) != 0;
    }
}
