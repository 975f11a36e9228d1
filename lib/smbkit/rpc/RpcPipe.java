package smbkit.rpc;

import java.io.IOException;

import jcifs.dcerpc.DcerpcHandle;

/**
 * An open, bound named pipe to one RPC interface; calls through it translate failures into one line, and
 * every reply is bounded by the bytes that arrived ({@link FragmentMeter}).
 */
public final class RpcPipe implements RpcTransport {

    private final Target target;
    private final Credentials credentials;
    private final String name;
    private final DcerpcHandle handle;
    private final FragmentMeter meter;

    RpcPipe(SmbConnection connection, String name, DcerpcHandle handle) {
        this(connection.target(), connection.credentials(), name, handle);
    }

    private RpcPipe(Target target, Credentials credentials, String name, DcerpcHandle handle) {
        this.target = target;
        this.credentials = credentials;
        this.name = name;
        this.handle = handle;
        this.meter = FragmentMeter.on(handle);
    }

    /** A pipe over any jcifs handle (tests drive jcifs's fragment reassembly through a scripted handle). */
    public static RpcPipe over(DcerpcHandle handle, String name, Target target, Credentials credentials) {
        return new RpcPipe(target, credentials, name, handle);
    }

    public String name() {
        return name;
    }

    /** Binds now (calls bind on first use anyway): separates "may this session bind" from the first call. */
    public void bind() {
        try {
            handle.bind();
        } catch (Exception e) {
            throw SmbErrors.translate(e, target, credentials, "binding \\PIPE\\" + name);
        }
    }

    @Override
    public <T extends RpcCall> T call(T call) {
        try {
            meter.sendrecv(handle, call);
            return call;
        } catch (Exception e) {
            throw SmbErrors.translate(e, target, credentials, call.name());
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
