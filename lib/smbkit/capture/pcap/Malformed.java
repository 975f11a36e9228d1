package smbkit.capture.pcap;

import smbkit.capture.pcap.Bytes;

/**
 * Bytes that contradict themselves inside a capture (a length past the end, a field out of range). Decoders
 * throw it and the layer above turns it into a note for that frame or stream: it never escapes the analysis.
 */
public final class Malformed extends RuntimeException {

    public Malformed(String message) {
        super(message, null, false, false);
    }
}
