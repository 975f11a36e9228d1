package smbkit.rpc.ndr;

/** A reply whose bytes contradict themselves: a length, count or pointer that points outside the reply. */
public final class MalformedReplyException extends RuntimeException {

    public MalformedReplyException(String message) {
        super(message);
    }
}
