package smbkit.capture.net;

/** A TCP segment as it was captured: endpoints, sequence number, flags and payload. */
public record TcpSegment(long frame, long timeNanos, String src, int srcPort, String dst, int dstPort,
                         long seq, int flags, byte[] payload, int payloadOffset, int payloadLength) {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int ACK = 0x10;

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
