package smbkit.change;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a change run has done so far, for the one thing a user needs when it is cut off (SIGINT, SIGTERM):
 * what was already changed and where the backup is. While a journal is open a shutdown hook prints that
 * line; closing it (the run finished and said so itself) removes the hook.
 */
public final class ChangeJournal implements AutoCloseable {

    private final String what;
    private final PrintWriter err;
    private final List<String> changed = new ArrayList<>();
    private final Thread hook;
    private Path backup;
    private String restore;
    private Path record;
    private boolean closed;

    private ChangeJournal(String what, PrintWriter err, boolean hooked) {
        this.what = what;
        this.err = err;
        this.hook = hooked ? new Thread(this::interrupted, "smbkit-interrupted") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** Opens a journal whose line is printed on {@code err} if the JVM ends before {@link #close()}. */
    public static ChangeJournal start(String what, PrintWriter err) {
        return new ChangeJournal(what, err, true);
    }

    /** A journal with no hook, for tests and callers that print the line themselves. */
    static ChangeJournal detached(String what, PrintWriter err) {
        return new ChangeJournal(what, err, false);
    }

    public synchronized void backup(Path file, String restoreCommand) {
        this.backup = file;
        this.restore = restoreCommand;
    }

    /** The record of what was done, kept up to date as the run goes. */
    public synchronized void record(Path file) {
        this.record = file;
    }

    public synchronized void changed(String item) {
        changed.add(item);
    }

    /** The line for a run cut off now. */
    public synchronized String interruptedLine() {
        StringBuilder sb = new StringBuilder("interrupted during ").append(what).append(": ");
        sb.append(changed.isEmpty() ? "nothing was changed yet (a change may have been under way)"
                : "already changed: " + String.join("; ", changed) + " (the next one may have been under way)");
        if (backup != null) {
            sb.append(". Backup in ").append(backup);
            if (restore != null) {
                sb.append("; restore with ").append(restore);
            }
        }
        if (record != null) {
            sb.append(". What was done is recorded in ").append(record);
        }
        return sb.toString();
    }

    private void interrupted() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        err.println(interruptedLine());
        err.flush();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook sees closed and stays quiet
            }
        }
    }
}
