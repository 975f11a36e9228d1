package smbkit.capture.pcap;

/**
 * One captured frame: its number in the file (from 1, as Wireshark counts), its link type, when it was seen
 * (nanoseconds since the epoch) and the bytes captured (possibly fewer than were on the wire).
 */
public record Frame(long number, int linkType, long timeNanos, byte[] data, int wireLength) {}
