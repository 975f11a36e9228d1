package smbkit.rpc.winreg;

import smbkit.rpc.RpcCall;

/**
 * {@link WinregOp#BaseRegCreateKey}: opens a subkey, creating it when missing. No class, non-volatile, no
 * security attributes (the key inherits its parent's), and a disposition that says whether it was created.
 */
public final class CreateKeyCall extends RpcCall {

    public static final int REG_CREATED_NEW_KEY = 1;
    public static final int REG_OPENED_EXISTING_KEY = 2;

    public CreateKeyCall(byte[] parent, String subKey, int access) {
        super(WinregOp.BaseRegCreateKey, parent, subKey, null, 0, access, null, 0);
    }

    public byte[] handle() {
        return out("phkResult");
    }

    public Long disposition() {
        return out("lpdwDisposition");
    }
}
