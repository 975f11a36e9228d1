package smbkit.fuzz;

import smbkit.rpc.RpcCall;
import smbkit.rpc.winreg.WinregOp;
import smbkit.rpc.winreg.EnumKeyCall;
import smbkit.rpc.winreg.EnumValueCall;
import smbkit.rpc.winreg.OpenKeyCall;
import smbkit.rpc.winreg.OpenLocalMachineCall;
import smbkit.rpc.winreg.QueryValueCall;
import smbkit.rpc.winreg.Winreg;

/** The MS-RRP call that decodes a slot's reply, by the call's name (and index for the enumerations). */
final class WinregCalls {

    private WinregCalls() {}

    static final byte[] KEY = new byte[20];

    static {
        KEY[4] = 1;
    }

    static RpcCall of(String name, int index) {
        return switch (name) {
            case "OpenLocalMachine" -> new OpenLocalMachineCall(Winreg.MAXIMUM_ALLOWED);
            case "BaseRegOpenKey" -> new OpenKeyCall(KEY, "SYSTEM", Winreg.KEY_READ);
            case "BaseRegCloseKey" -> new RpcCall(WinregOp.BaseRegCloseKey, KEY);
            case "BaseRegQueryValue" -> new QueryValueCall(KEY, "RestrictAnonymous", 4096);
            case "BaseRegEnumKey" -> new EnumKeyCall(KEY, index);
            case "BaseRegEnumValue" -> new EnumValueCall(KEY, index, 4096);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
