package smbkit.rpc.winreg;

/**
 * What BaseRegQueryValue and BaseRegEnumValue both answer about a value (MS-RRP 3.1.5.17 and 3.1.5.11): its type
 * (lpType), its data (lpData) and its size as the server reported it (lpcbData), read once for both calls.
 */
public interface ValueReply {

    /** The response field {@code name}, as {@link smbkit.rpc.RpcCall#out(String)} reads it. */
    <T> T out(String name);

    /** The value's REG_* type (lpType). */
    default Long type() {
        return out("lpType");
    }

    /** The value's data (lpData). */
    default byte[] data() {
        return out("lpData");
    }

    /** The value's size in bytes as the server reported it (lpcbData): more than the buffer on ERROR_MORE_DATA. */
    default Long needed() {
        return out("lpcbData");
    }
}
