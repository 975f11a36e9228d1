package smbkit.cli;

/** {@code [DOMAIN/]USER[%PASSWORD]} as smbclient's -U takes it; DOMAIN\\USER works as well. */
public record UserSpec(String domain, String user, char[] password) {

    public static UserSpec parse(String spec) {
        String rest = spec;
        char[] password = null;
        int pct = rest.indexOf('%');
        if (pct >= 0) {
            password = rest.substring(pct + 1).toCharArray();
            rest = rest.substring(0, pct);
        }
        String domain = null;
        int sep = Math.max(rest.indexOf('/'), rest.indexOf('\\'));
        if (sep >= 0) {
            domain = rest.substring(0, sep);
            rest = rest.substring(sep + 1);
        }
        return new UserSpec(domain == null || domain.isEmpty() ? null : domain, rest, password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return (domain == null ? "" : domain + "\\") + user;
    }
}
