package smbkit.rpc.winreg;

import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrTypes.Room;

/** {@link WinregOp#BaseRegEnumValue}: the index-th value's name, type and data; ERROR_MORE_DATA when the buffer is short. */
public final class EnumValueCall extends RpcCall implements ValueReply {

    /** Value names are at most 16383 characters; smbkit's are short. */
    static final int NAME_CHARS = 1024;

    public EnumValueCall(byte[] key, int index, int size) {
        super(WinregOp.BaseRegEnumValue, key, index, new Room(NAME_CHARS), 0, new Room(size), size, 0);
    }

    public int index() {
        return (Integer) in("dwIndex");
    }

    public String valueName() {
        return out("lpValueNameOut");
    }
}
