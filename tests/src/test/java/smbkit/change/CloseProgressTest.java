package smbkit.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.kb.CloseTarget;
import smbkit.model.SessionKind;

/** What a close run says while it goes and when it is cut off; exit codes by failure kind, not by text. */
class CloseProgressTest {

    static CloseTarget target(String client) {
        return new CloseTarget(client, null, SessionKind.NULL, List.of(), true, List.of(), List.of(), CloseTarget.Decision.CLOSE);
    }

    @Test
    void exitCodesComeFromTheFailureKindNeverFromTheText() {
        CloseTarget a = target("10.0.0.3");
        CloseTarget b = target("10.0.0.4");
        // texts that the old text matching misread
        SessionCloser.Outcome deniedWorded = new SessionCloser.Outcome(a, "failed: gone already? user may not close sessions", false,
                Failure.NOT_FOUND);
        assertEquals(17, SessionCloser.exitCode(List.of(deniedWorded), List.of()));
        SessionCloser.Outcome denied = new SessionCloser.Outcome(b, "failed: the server said no", false, Failure.ACCESS_DENIED);
        assertEquals(15, SessionCloser.exitCode(List.of(denied), List.of()));
        assertEquals(15, SessionCloser.exitCode(List.of(deniedWorded, denied), List.of()));
        SessionCloser.Outcome timeout = new SessionCloser.Outcome(b, "failed: timed out", false, Failure.TIMEOUT);
        assertEquals(12, SessionCloser.exitCode(List.of(timeout), List.of()), "every trouble of one kind: its code");
        assertEquals(3, SessionCloser.exitCode(List.of(deniedWorded, timeout), List.of()));
        SessionCloser.Outcome closed = new SessionCloser.Outcome(a, "closed", true);
        assertEquals(0, SessionCloser.exitCode(List.of(closed), List.of(new SessionCloser.FileOutcome(1, "x", "closed", true))));
        assertEquals(17, SessionCloser.exitCode(List.of(closed),
                List.of(new SessionCloser.FileOutcome(1, "x", "failed: no", false, Failure.NOT_FOUND))));
        assertEquals(3, SessionCloser.exitCode(List.of(new SessionCloser.Outcome(a, "still there after the delete", false)), List.of()));
    }

    @Test
    void theRecordSaysWhatWasAlreadyClosedAsTheRunGoes() {
        CloseTarget a = target("10.0.0.3");
        CloseTarget b = target("10.0.0.4");
        CloseRecord.Run run = new CloseRecord.Run("srv", List.of(a, b), List.of(), List.of(7L));
        run.session(new SessionCloser.Outcome(a, SessionCloser.ASKED, true, null));
        Map<String, Object> m = run.toMap("in progress");
        assertEquals("in progress", m.get("state"));
        List<?> sessions = (List<?>) m.get("sessions");
        assertEquals(SessionCloser.ASKED, ((Map<?, ?>) sessions.get(0)).get("result"));
        assertEquals("close", ((Map<?, ?>) sessions.get(1)).get("result"), "not yet reached: still the plan");
        run.session(new SessionCloser.Outcome(a, "closed", true));
        run.file(new SessionCloser.FileOutcome(7, "\\PIPE\\spoolss", "closed", true));
        Map<String, Object> done = run.toMap("applied");
        assertEquals("closed", ((Map<?, ?>) ((List<?>) done.get("sessions")).get(0)).get("result"));
        assertEquals("closed", ((Map<?, ?>) ((List<?>) done.get("files")).get(0)).get("result"));
    }

    @Test
    void aRunCutOffSaysWhatWasChangedAndWhereTheBackupIs() {
        StringWriter sw = new StringWriter();
        try (ChangeJournal j = ChangeJournal.detached("remove-printer-shares on srv", new PrintWriter(sw))) {
            assertTrue(j.interruptedLine().contains("nothing was changed yet"), j.interruptedLine());
            j.backup(Path.of("/state/printer-shares-srv.json"), "--restore /state/printer-shares-srv.json --apply");
            j.changed("removed laser");
            String line = j.interruptedLine();
            assertTrue(line.contains("already changed: removed laser"), line);
            assertTrue(line.contains("Backup in /state/printer-shares-srv.json; restore with --restore"), line);
            j.record(Path.of("/state/close.json"));
            assertTrue(j.interruptedLine().contains("recorded in /state/close.json"));
        }
        // a journal that finished removes its hook: nothing is printed at exit
        ChangeJournal.start("test", new PrintWriter(sw)).close();
        assertEquals("", sw.toString());
    }

    /** The record's result of a target not closed keeps the strings older records hold (a format, not kb's words). */
    @Test
    void aRecordKeepsItsResultStringsForEachDecision() {
        Map<CloseTarget.Decision, String> old = Map.of(
                CloseTarget.Decision.CLOSE, "close",
                CloseTarget.Decision.REFUSED_HOLDS_FILES, "refused: holds open files (--force closes them, unsaved data may be lost)",
                CloseTarget.Decision.SKIPPED_SELF, "skipped: smbkit's own session",
                CloseTarget.Decision.CANNOT_SINGLE_OUT, "refused: NULL sessions have no user name to close them by while the "
                        + "client has other sessions (close its pipes with --file, or all its sessions with --client)");
        for (CloseTarget.Decision d : CloseTarget.Decision.values()) {
            CloseTarget t = new CloseTarget("10.0.0.3", "u", SessionKind.USER, List.of(), false, List.of(), List.of(), d);
            Map<String, Object> m = CloseRecord.planned("srv", List.of(t), List.of(), List.of());
            assertEquals(old.get(d), ((Map<?, ?>) ((List<?>) m.get("sessions")).get(0)).get("result"), d.name());
        }
    }
}
