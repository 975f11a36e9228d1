package smbkit.rpc.srvsvc;

/** MS-SRVS: the interface and its constants; its operations are {@link SrvsvcOp}, its codes {@link smbkit.rpc.WinError}. */
public final class Srvsvc {

    private Srvsvc() {}

    public static final String PIPE = "srvsvc";
    public static final String SYNTAX = "4b324fc8-1670-01d3-1278-5a47bf6ee188:3.0";

    /** MAX_PREFERRED_LENGTH: let the server choose how much to return per reply. */
    public static final int MAX_PREFERRED_LENGTH = -1;

    /** SESS_NOENCRYPTION: the password was sent in the clear. */
    public static final int SESS_NOENCRYPTION = 0x2;

    /** The server name argument Windows clients send: the target with a UNC prefix. */
    public static String serverName(String host) {
        return host.startsWith("\\\\") ? host : "\\\\" + host;
    }
}
