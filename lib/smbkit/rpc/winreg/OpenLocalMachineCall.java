package smbkit.rpc.winreg;

import smbkit.rpc.RpcCall;

/**
 * {@link WinregOp#OpenLocalMachine}: a handle to HKEY_LOCAL_MACHINE. smbkit sends a NULL ServerName, as
 * impacket and smbj do; Windows clients send a pointer to whatever character their buffer held.
 */
public final class OpenLocalMachineCall extends RpcCall {

    public OpenLocalMachineCall(int access) {
        this(null, access);
    }

    /** With a non-NULL ServerName, as Windows sends it. */
    public OpenLocalMachineCall(Character serverName, int access) {
        super(WinregOp.OpenLocalMachine, serverName, access);
    }

    public byte[] handle() {
        return out("phKey");
    }
}
