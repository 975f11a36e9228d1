package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/**
 * BaseRegQueryValue (opnum 17), asked the way Windows clients ask: a type to fill, an empty data buffer of
 * {@code size} bytes, its size, a length of 0. ERROR_MORE_DATA says how large the value is.
 */
public final class QueryValueCall extends RpcCall {

    private final byte[] key;
    private final String name;
    private final int size;
    private Long type;
    private byte[] data;
    private Long needed;

    public QueryValueCall(byte[] key, String name, int size) {
        this.key = key;
        this.name = name;
        this.size = size;
    }

    @Override
    public String name() {
        return "BaseRegQueryValue";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_QUERY_VALUE;
    }

    public Long type() {
        return type;
    }

    public byte[] data() {
        return data;
    }

    /** The value's size in bytes as the server reported it (lpcbData). */
    public Long needed() {
        return needed;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, key);
        WinregNdr.string(buf, name);
        WinregNdr.valueParams(buf, size);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        WinregNdr.Value v = WinregNdr.readValueParams(buf);
        type = v.type();
        data = v.data();
        needed = v.needed();
        status = buf.dec_ndr_long();
        WinregNdr.requireValue(v, status, name());
    }
}
