package smbkit.capture.net;

/** What a TCP direction delivers: bytes in order, holes where segments were never captured, its end. */
public interface StreamSink {

    void data(byte[] b, int off, int len, long timeNanos, long frame);

    /** bytes that were never captured (lost, or before the capture started when known); what follows is not contiguous. */
    void gap(long bytes, long timeNanos);
}
