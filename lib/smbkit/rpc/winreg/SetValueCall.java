package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.model.RegistryValue;
import smbkit.rpc.RpcCall;

/** BaseRegSetValue (opnum 22): lpData is a [ref] conformant byte array (its size, then the bytes), then cbData. */
public final class SetValueCall extends RpcCall {

    private final byte[] key;
    private final String name;
    private final RegistryValue value;

    public SetValueCall(byte[] key, String name, RegistryValue value) {
        this.key = key;
        this.name = name;
        this.value = value;
    }

    @Override
    public String name() {
        return "BaseRegSetValue";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_SET_VALUE;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        WinregNdr.handle(buf, key);
        WinregNdr.string(buf, name);
        buf.enc_ndr_long(value.type());
        byte[] data = value.data();
        buf.enc_ndr_long(data.length);
        buf.writeOctetArray(data, 0, data.length);
        buf.align(4);
        buf.enc_ndr_long(data.length);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        status = buf.dec_ndr_long();
    }
}
