package smbkit.rpc.winreg;

import jcifs.dcerpc.ndr.NdrBuffer;
import smbkit.rpc.RpcCall;

/**
 * OpenLocalMachine (opnum 2): a handle to HKEY_LOCAL_MACHINE. Its ServerName is a unique pointer to ONE
 * wchar_t that servers ignore: smbkit sends NULL, as impacket and smbj do; Windows clients send a pointer to
 * whatever character their buffer held.
 */
public final class OpenLocalMachineCall extends RpcCall {

    private final Character serverName;
    private final int access;
    private byte[] handle;

    public OpenLocalMachineCall(int access) {
        this(null, access);
    }

    /** With a non-NULL ServerName, as Windows sends it. */
    public OpenLocalMachineCall(Character serverName, int access) {
        this.serverName = serverName;
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
        buf.enc_ndr_referent(serverName, 1);
        if (serverName != null) {
            buf.enc_ndr_short(serverName);
        }
        buf.enc_ndr_long(access);
    }

    @Override
    protected void decodeOut(NdrBuffer buf) {
        handle = WinregNdr.handle(buf);
        status = buf.dec_ndr_long();
        WinregNdr.requireOpen(handle, status, name());
    }
}
