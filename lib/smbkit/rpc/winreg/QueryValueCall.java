package smbkit.rpc.winreg;

import smbkit.rpc.RpcCall;
import smbkit.rpc.ndr.NdrTypes.Room;

/**
 * {@link WinregOp#BaseRegQueryValue}, asked the way Windows clients ask: a type to fill, an empty data buffer
 * of {@code size} bytes, its size, a length of 0. ERROR_MORE_DATA says how large the value is.
 */
public final class QueryValueCall extends RpcCall implements ValueReply {

    public QueryValueCall(byte[] key, String name, int size) {
        super(WinregOp.BaseRegQueryValue, key, name, 0, new Room(size), size, 0);
    }
}
