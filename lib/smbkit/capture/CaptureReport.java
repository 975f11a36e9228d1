package smbkit.capture;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import smbkit.capture.smb.SmbSession;
import smbkit.kb.Finding;

/** What a capture shows: the files read, every SMB session per client, the findings, and notes on damage. */
public final class CaptureReport implements AutoCloseable {

    public static final class FileSummary {
        public final String path;
        public String format;
        public long frames;
        /** Null, or where the file is cut short or damaged. */
        public String damage;

        public FileSummary(String path) {
            this.path = path;
        }
    }

    public final List<FileSummary> files = new ArrayList<>();
    /** One line per file that could not be read at all (when others were). */
    public final List<String> failedFiles = new ArrayList<>();
    /** Every session, once its connection is over; in bounded memory (spilled to a file past a few thousand). */
    public final SessionLog sessions;
    public Findings.Result findings = Findings.Result.NONE;
    /** Idle connections closed to keep the reader's state bounded; their sessions are "still open, evicted". */
    public long connectionsEvicted;
    /** The most connections followed at once (bounded by the eviction). */
    public long peakConnections;
    /** Sessions dropped from a connection holding too many at once (reported as they were then). */
    public long sessionsRetired;
    /** Notes on damage and what was skipped, as data (capture.report.NoteText says them); each once, at most 200. */
    public final Set<CaptureNote> notes = new LinkedHashSet<>();
    public long frames;
    public long tcpSegments;
    public long connections;
    public long ipFragments;
    /** IPv4 datagrams put back together from their fragments, and fragments of ones never completed. */
    public long ipDatagramsReassembled;
    public long ipFragmentsLost;
    public long badFrames;
    /** Frames or messages a decoder failed on unexpectedly (a bug): tests require 0. */
    public long internalErrors;
    public Long firstNanos;
    public Long lastNanos;

    public CaptureReport() {
        this(SessionLog.IN_MEMORY);
    }

    /** {@code inMemory}: sessions kept in memory before the rest go to the spill file. */
    public CaptureReport(int inMemory) {
        sessions = new SessionLog(inMemory);
    }

    public void note(CaptureNote note) {
        if (notes.size() < 200) {
            notes.add(note);
        }
    }

    public long endNanos() {
        return lastNanos == null ? 0 : lastNanos;
    }

    /** Removes the spill file, if any. */
    @Override
    public void close() {
        sessions.close();
    }

    /** A file was cut short, damaged, or not read at all: the report may miss what came after. */
    public boolean partial() {
        return !failedFiles.isEmpty() || files.stream().anyMatch(f -> f.damage != null);
    }
}
