package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/** OpenLocalMachine (opnum 2): a handle to HKEY_LOCAL_MACHINE. The server name is a NULL pointer, as impacket sends. */
public final class OpenLocalMachineCall extends RpcCall {

    private final int access;
    private byte[] handle;

    public OpenLocalMachineCall(int access) {
        this.access = access;
    }

    @Override
    public String name() {
        return "OpenLocalMachine";
    }

    @Override
    public int getOpnum() {
        return Winreg.OP_OPEN_LOCAL_MACHINE;
    }

    public byte[] handle() {
        return handle;
    }

    @Override
    protected void encodeIn(NdrBuffer buf) {
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(access);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        handle = WinregNdr.handle(buf);
        status = buf.dec_ndr_long();
    }
}
