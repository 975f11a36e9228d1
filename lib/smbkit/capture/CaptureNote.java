package smbkit.capture;

import java.util.Locale;

/**
 * A note on a capture as data: what happened ({@link Code}), where (a connection {@code client:port -> server:port},
 * a file, a host or a source address; null for the whole capture), up to two numbers and a detail (a decoder's or
 * the system's own message). The words are capture.report.NoteText's.
 *
 * @param count the main number: bytes, messages, frames, fragments or connections (see each code)
 * @param of    a second number: gaps, frames read, or the connections followed at once
 */
public record CaptureNote(Code code, String where, long count, long of, String detail) {

    public enum Code {
        /** A connection's first segment was not its SYN. */
        NO_SYN,
        /** {@code count} bytes never captured in {@code of} gaps. */
        GAPS,
        /** {@code count} bytes that are not SMB. */
        NOT_SMB,
        /** {@code count} SMB messages not decoded; {@code detail}: the last error. */
        UNDECODABLE,
        /** A file cut short ({@code detail}: where); the frames before it were read. */
        CUT_SHORT,
        /** A file damaged ({@code detail}); the rest of it was not read. */
        DAMAGED,
        /** A read error ({@code detail}) after {@code count} frames. */
        READ_ERROR,
        /** Frames of link type {@code count} skipped. */
        LINK_TYPE,
        /** {@code count} IPv4 fragments from {@code where} of datagrams never completed. */
        FRAGMENTS_LOST,
        /** {@code count} IPv6 fragments skipped. */
        IPV6_FRAGMENTS,
        /** {@code count} frames whose headers contradict themselves. */
        BAD_FRAMES,
        /** {@code count} idle connections evicted, past {@code of} open at once. */
        EVICTED,
        /** smb-diagnose --capture: host {@code where} not matched ({@code detail}: why). */
        NOT_MATCHED,
        /** smb-diagnose --capture: file {@code where} damaged ({@code detail}); findings rest on what came before. */
        FINDINGS_BEFORE_DAMAGE,
        /** A file not read at all, {@code detail} its one-line failure. */
        FILE_FAILED;

        /** The JSON's name of the code. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static CaptureNote of(Code code, String where, long count) {
        return new CaptureNote(code, where, count, 0, null);
    }

    public static CaptureNote of(Code code, String where, String detail) {
        return new CaptureNote(code, where, 0, 0, detail);
    }
}
