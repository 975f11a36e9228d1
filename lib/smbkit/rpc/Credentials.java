package smbkit.rpc;

/**
 * Who to log on as: a user (with an optional domain) and password, or a NULL (anonymous) session. The
 * password never appears in {@link #toString()}, so it cannot reach output or logs by accident.
 */
public final class Credentials {

    private final String domain;
    private final String user;
    private final char[] password;

    private Credentials(String domain, String user, char[] password) {
        this.domain = domain;
        this.user = user;
        this.password = password;
    }

    public static Credentials user(String domain, String user, char[] password) {
        return new Credentials(domain == null || domain.isEmpty() ? null : domain, user,
                password == null ? new char[0] : password.clone());
    }

    /** A NULL session: empty user name and password, as {@code net use \\host\IPC$ "" /user:""}. */
    public static Credentials anonymous() {
        return new Credentials(null, "", new char[0]);
    }

    public boolean isAnonymous() {
        return user.isEmpty();
    }

    public String domain() {
        return domain;
    }

    public String user() {
        return user;
    }

    /** The password, for the one place that hands it to the SMB library. */
    char[] password() {
        return password.clone();
    }

    /** {@code DOMAIN\\user}, {@code user}, or {@code (anonymous)}: never the password. */
    public String principal() {
        if (isAnonymous()) {
            return "(anonymous)";
        }
        return domain == null ? user : domain + "\\" + user;
    }

    @Override
    public String toString() {
        return principal();
    }
}
