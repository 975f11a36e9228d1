package smbkit.rpc.winreg;

import smbkit.rpc.RpcCall;

/** {@link WinregOp#BaseRegOpenKey}: a subkey of an open key. */
public final class OpenKeyCall extends RpcCall {

    public OpenKeyCall(byte[] parent, String subKey, int access) {
        super(WinregOp.BaseRegOpenKey, parent, subKey, 0, access);
    }

    public byte[] handle() {
        return out("phkResult");
    }
}
