package smbkit.rpc.srvsvc;

/** MS-SRVS: the interface, its operation numbers and the Win32 codes its replies carry. */
public final class Srvsvc {

    private Srvsvc() {}

    public static final String PIPE = "srvsvc";
    public static final String SYNTAX = "4b324fc8-1670-01d3-1278-5a47bf6ee188:3.0";

    public static final int OP_CONNECTION_ENUM = 8;
    public static final int OP_FILE_ENUM = 9;
    public static final int OP_FILE_CLOSE = 11;
    public static final int OP_SESSION_ENUM = 12;
    public static final int OP_SESSION_DEL = 13;
    public static final int OP_SHARE_ADD = 14;
    public static final int OP_SHARE_ENUM_ALL = 15;
    public static final int OP_SHARE_GET_INFO = 16;
    public static final int OP_SHARE_DEL = 18;
    public static final int OP_SERVER_GET_INFO = 21;

    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_NOT_SUPPORTED = 50;
    public static final int ERROR_INVALID_PARAMETER = 87;
    public static final int ERROR_INVALID_LEVEL = 124;
    public static final int ERROR_MORE_DATA = 234;
    public static final int NERR_USER_NOT_FOUND = 2221;
    public static final int NERR_NET_NAME_NOT_FOUND = 2310;
    public static final int NERR_CLIENT_NAME_NOT_FOUND = 2312;
    public static final int NERR_FILE_ID_NOT_FOUND = 2314;

    /** MAX_PREFERRED_LENGTH: let the server choose how much to return per reply. */
    public static final int MAX_PREFERRED_LENGTH = -1;

    /** SESS_NOENCRYPTION: the password was sent in the clear. */
    public static final int SESS_NOENCRYPTION = 0x2;

    /** The server name argument Windows clients send: the target with a UNC prefix. */
    public static String serverName(String host) {
        return host.startsWith("\\\\") ? host : "\\\\" + host;
    }
}
