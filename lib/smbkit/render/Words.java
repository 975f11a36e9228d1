package smbkit.render;

/** The small pieces of English every view uses alike. */
public final class Words {

    private Words() {}

    /** "1 session", "3 sessions": a count and its noun, plural with an s. */
    public static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
