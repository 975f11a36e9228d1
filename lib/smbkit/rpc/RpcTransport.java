package smbkit.rpc;

/** Something that carries a call to a server and its reply back: an open pipe, or canned replies in tests. */
@FunctionalInterface
public interface RpcTransport {

    /** Sends the call and decodes the reply into it; the Win32 status is left to the caller. */
    <T extends RpcCall> T call(T call);
}
