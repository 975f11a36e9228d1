package smbkit.rpc.winreg;

/** MS-RRP: the interface and its access masks; its operations are {@link WinregOp}, its codes {@link smbkit.rpc.WinError}. */
public final class Winreg {

    private Winreg() {}

    public static final String PIPE = "winreg";
    public static final String SYNTAX = "338cd001-2244-31f1-aaaa-900038001003:1.0";

    public static final int MAXIMUM_ALLOWED = 0x02000000;
    public static final int KEY_READ = 0x00020019;
    public static final int KEY_ALL_ACCESS = 0x000F003F;
}
