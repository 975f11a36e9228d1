package smbkit;

/**
 * A failure the user can understand: what happened and what to do next, printed as one line, with the
 * exit code of its {@link Failure}. The cause is kept for {@code --debug} only.
 */
public class SmbkitException extends RuntimeException {

    private final Failure failure;
    private final String hint;

    public SmbkitException(Failure failure, String message, String hint, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.hint = hint;
    }

    public SmbkitException(Failure failure, String message, String hint) {
        this(failure, message, hint, null);
    }

    public Failure failure() {
        return failure;
    }

    /** What to do next; may be null. */
    public String hint() {
        return hint;
    }

    /** The one line a user sees: what happened, then what to do. */
    public String oneLine() {
        return hint == null || hint.isEmpty() ? getMessage() : getMessage() + ". " + hint;
    }
}
