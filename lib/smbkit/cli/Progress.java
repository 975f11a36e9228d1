package smbkit.cli;

import java.io.PrintWriter;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for a long wait (hosts scanned, samples taken, backups restored, a capture read),
 * shown only where a person watches: stderr on a terminal, not under CI. {@code SMBKIT_PROGRESS} (or the
 * system property {@code smbkit.progress}) = {@code always} or {@code never} decides instead. Without a bar
 * every call does nothing, so callers need no test of their own.
 */
public final class Progress implements AutoCloseable {

    static final String SETTING = "SMBKIT_PROGRESS";

    private final ProgressBar bar;
    private final PrintWriter err;
    private long failed;

    private Progress(ProgressBar bar, PrintWriter err) {
        this.bar = bar;
        this.err = err;
    }

    /** Whether a bar is shown at all. */
    public static boolean shown() {
        String s = System.getProperty("smbkit.progress", System.getenv(SETTING));
        if ("always".equals(s)) {
            return true;
        }
        if ("never".equals(s)) {
            return false;
        }
        return System.console() != null && System.getenv("CI") == null;
    }

    /** A bar of {@code total} steps (units: hosts, samples, MiB...) written to {@code err}, or none. */
    public static Progress start(String task, long total, String unit, PrintWriter err) {
        if (!shown() || total <= 1) {
            return new Progress(null, err);
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200).setMaxRenderedLength(100).continuousUpdate()
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print("\r" + line);
                    err.flush();
                }, 100));
        if (unit != null) {
            b.setUnit(" " + unit, 1);
        }
        return new Progress(b.build(), err);
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /**
     * One step done; a failed one (a host down, refused or out of time) is counted beside the bar as
     * "N failed", so the bar says how many of the done are not results.
     */
    public synchronized void step(boolean failedStep) {
        if (bar == null) {
            return;
        }
        if (failedStep) {
            failed++;
        }
        bar.setExtraMessage(failed + " failed"); // "0 failed" too: a count that is shown, not one left out
        bar.step();
    }

    public void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    /** Says what is awaited now ("next sample in 30 s"). */
    public void extra(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close(); // renders the last state: done/total
            err.println();
            err.flush();
        }
    }
}
