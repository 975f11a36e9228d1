package smbkit.rpc.winreg;

import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrTypes.Room;

/** {@link WinregOp#BaseRegEnumKey}: the name of the index-th subkey, or ERROR_NO_MORE_ITEMS past the last. */
public final class EnumKeyCall extends RpcCall {

    /** Registry key names are at most 255 characters. */
    static final int NAME_CHARS = 256;

    public EnumKeyCall(byte[] key, int index) {
        super(WinregOp.BaseRegEnumKey, key, index, new Room(NAME_CHARS), new Room(NAME_CHARS), 0L);
    }

    public int index() {
        return (Integer) in("dwIndex");
    }

    public String subKey() {
        return out("lpNameOut");
    }
}
