package smbkit.capture.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.capture.CaptureNote;
import smbkit.capture.CaptureNote.Code;
import smbkit.capture.CaptureReport;

/** A capture's notes are data; their words (as every output printed them before) are made here, once. */
class NoteTextTest {

    static final String STREAM = "10.0.0.5:49152 -> 10.0.0.1:445";

    @Test
    void notesSayWhatTheySaidBefore() {
        assertEquals(STREAM + ": the capture starts inside this connection (no SYN): decoding began at the first whole SMB message",
                NoteText.text(CaptureNote.of(Code.NO_SYN, STREAM, 0)));
        assertEquals(STREAM + ": 120 bytes never captured in 1 gap (lost packets): decoding resumed at the next SMB message",
                NoteText.text(new CaptureNote(Code.GAPS, STREAM, 120, 1, null)));
        assertEquals(STREAM + ": 2 SMB messages could not be decoded (short header)",
                NoteText.text(new CaptureNote(Code.UNDECODABLE, STREAM, 2, 0, "short header")));
        assertEquals("a.pcap: read error (I/O) after 12 frames", NoteText.text(new CaptureNote(Code.READ_ERROR, "a.pcap", 12, 0, "I/O")));
        assertEquals("frames of link type 105 skipped (not Ethernet, Linux cooked, raw IP or loopback)",
                NoteText.text(CaptureNote.of(Code.LINK_TYPE, null, 105)));
        assertEquals("10.0.0.3 -> 10.0.0.1: 1 IPv4 fragment of datagrams never completed (a fragment lost or not captured): what"
                + " they carried is missing", NoteText.text(CaptureNote.of(Code.FRAGMENTS_LOST, "10.0.0.3 -> 10.0.0.1", 1)));
        assertEquals("1 idle connection evicted (more than 64 open at once): their sessions are counted as still open, evicted;"
                + " traffic on one after its eviction is read as a new connection",
                NoteText.text(new CaptureNote(Code.EVICTED, null, 1, 64, null)));
        assertEquals("srv: not matched with the capture (no such host)",
                NoteText.text(CaptureNote.of(Code.NOT_MATCHED, "srv", "no such host")));
        assertEquals("a.pcap: cut short at 40: the capture's findings rest on what came before it",
                NoteText.text(CaptureNote.of(Code.FINDINGS_BEFORE_DAMAGE, "a.pcap", "cut short at 40")));
    }

    @Test
    void everyCodeHasWords() {
        for (Code c : Code.values()) {
            assertFalse(NoteText.text(new CaptureNote(c, "w", 2, 3, "d")).isBlank(), c.name());
        }
    }

    @Test
    void theJsonKeepsItsNotesInWordsAndAddsTheirCodes() {
        try (CaptureReport r = new CaptureReport()) {
            r.failedFiles.add("cannot read b.pcap: no such file");
            r.note(CaptureNote.of(Code.BAD_FRAMES, null, 3));
            r.note(CaptureNote.of(Code.BAD_FRAMES, null, 3));
            Map<String, Object> j = CaptureView.json(r);
            assertEquals(List.of("cannot read b.pcap: no such file", "3 frames whose headers contradict themselves skipped"), j.get("notes"));
            assertEquals(List.of("file_failed", "bad_frames"), j.get("note_codes"));
        }
    }
}
