package smbkit.rpc.winreg;

/** MS-RRP: the interface, its operation numbers, access masks and the Win32 codes its replies carry. */
public final class Winreg {

    private Winreg() {}

    public static final String PIPE = "winreg";
    public static final String SYNTAX = "338cd001-2244-31f1-aaaa-900038001003:1.0";

    public static final int OP_OPEN_LOCAL_MACHINE = 2;
    public static final int OP_CLOSE_KEY = 5;
    public static final int OP_CREATE_KEY = 6;
    public static final int OP_DELETE_KEY = 7;
    public static final int OP_DELETE_VALUE = 8;
    public static final int OP_ENUM_KEY = 9;
    public static final int OP_ENUM_VALUE = 10;
    public static final int OP_OPEN_KEY = 15;
    public static final int OP_QUERY_VALUE = 17;
    public static final int OP_SET_VALUE = 22;

    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int KEY_READ = 0x00020019;
    public static final int KEY_ALL_ACCESS = 0x000F003F;

    public static final int ERROR_SUCCESS = 0;
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_MORE_DATA = 234;
    public static final int ERROR_NO_MORE_ITEMS = 259;
}
