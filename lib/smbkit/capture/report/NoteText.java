package smbkit.capture.report;

import java.util.ArrayList;
import java.util.List;

import smbkit.capture.CaptureNote;
import smbkit.capture.CaptureReport;
import smbkit.render.Words;

/** The words of a capture's notes (capture.CaptureNote), the one place they are made. */
public final class NoteText {

    private NoteText() {}

    public static String text(CaptureNote n) {
        String at = n.where() == null ? "" : n.where() + ": ";
        return at + switch (n.code()) {
            case NO_SYN -> "the capture starts inside this connection (no SYN): decoding began at the first whole SMB message";
            case GAPS -> n.count() + " bytes never captured in " + Words.count(n.of(), "gap")
                    + " (lost packets): decoding resumed at the next SMB message";
            case NOT_SMB -> n.count() + " bytes that are not SMB skipped";
            case UNDECODABLE -> Words.count(n.count(), "SMB message") + " could not be decoded (" + n.detail() + ")";
            case CUT_SHORT -> n.detail() + ": the frames before it were read";
            case DAMAGED -> n.detail() + ": the frames before it were read, the rest of the file was not";
            case READ_ERROR -> "read error (" + n.detail() + ") after " + n.count() + " frames";
            case LINK_TYPE -> "frames of link type " + n.count() + " skipped (not Ethernet, Linux cooked, raw IP or loopback)";
            case FRAGMENTS_LOST -> Words.count(n.count(), "IPv4 fragment")
                    + " of datagrams never completed (a fragment lost or not captured): what they carried is missing";
            case IPV6_FRAGMENTS -> n.count() + " IPv6 fragments skipped (not reassembled)";
            case BAD_FRAMES -> n.count() + " frames whose headers contradict themselves skipped";
            case EVICTED -> Words.count(n.count(), "idle connection") + " evicted (more than " + n.of() + " open at once): their"
                    + " sessions are counted as still open, evicted; traffic on one after its eviction is read as a new connection";
            case NOT_MATCHED -> "not matched with the capture (" + n.detail() + ")";
            case FINDINGS_BEFORE_DAMAGE -> n.detail() + ": the capture's findings rest on what came before it";
            case FILE_FAILED -> n.detail();
        };
    }

    /** A report's notes in words: the files not read first, then the notes, as every output lists them. */
    public static List<String> all(CaptureReport r) {
        List<String> out = new ArrayList<>(r.failedFiles);
        r.notes.forEach(n -> out.add(text(n)));
        return out;
    }

    /** The codes of {@link #all}, one for each note in the same order (JSON's {@code note_codes}). */
    public static List<String> codes(CaptureReport r) {
        List<String> out = new ArrayList<>();
        r.failedFiles.forEach(n -> out.add(CaptureNote.Code.FILE_FAILED.key()));
        r.notes.forEach(n -> out.add(n.code().key()));
        return out;
    }
}
