package smbkit.rpc;

import java.io.IOException;

import jcifs.dcerpc.DcerpcHandle;

/** An open, bound named pipe to one RPC interface; calls through it translate failures into one line. */
public final class RpcPipe implements RpcTransport {

    private final SmbConnection connection;
    private final String name;
    private final DcerpcHandle handle;

    RpcPipe(SmbConnection connection, String name, DcerpcHandle handle) {
        this.connection = connection;
        this.name = name;
        this.handle = handle;
    }

    public String name() {
        return name;
    }

    /** Binds now (calls bind on first use anyway): separates "may this session bind" from the first call. */
    public void bind() {
        try {
            handle.bind();
        } catch (Exception e) {
            throw SmbErrors.translate(e, connection.target(), connection.credentials(), "binding \\PIPE\\" + name);
        }
    }

    @Override
    public <T extends RpcCall> T call(T call) {
        try {
            handle.sendrecv(call);
            return call;
        } catch (Exception e) {
            throw SmbErrors.translate(e, connection.target(), connection.credentials(), call.name());
        }
    }

    void closeQuietly() {
        try {
            handle.close();
        } catch (IOException | RuntimeException e) {
            // the connection is going away anyway
        }
    }
}
