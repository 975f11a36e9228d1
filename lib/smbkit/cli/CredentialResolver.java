package smbkit.cli;

import java.io.Console;
import java.util.Map;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.Credentials;

/**
 * Who to log on as, decided in one place for the scripts ({@link TargetOptions}) and the runbooks
 * ({@code smbkit.run.RunbookCredentials}): what the command line or an authentication file gave, else the
 * environment as {@link EnvCredentials} reads it, else (for the password only) a prompt on a terminal.
 */
public final class CredentialResolver {

    private CredentialResolver() {}

    /** What -U, -A and -W gave; any part may be null. */
    public record Given(String domain, String user, char[] password) {

        public static final Given NOTHING = new Given(null, null, null);

        /** {@code later} wins where it says something: -U over -A, as smbclient does. */
        public Given then(Given later) {
            return new Given(later.domain != null ? later.domain : domain,
                    later.user != null && !later.user.isEmpty() ? later.user : user,
                    later.password != null ? later.password : password);
        }

        public static Given of(AuthFile f) {
            return new Given(f.domain(), f.user(), f.password());
        }

        public static Given of(UserSpec u) {
            return new Given(u.domain(), u.user(), u.password());
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return (domain == null ? "" : domain + "\\") + user;
        }
    }

    /**
     * The user given, else the environment's (with its domain); the password given, else the environment's,
     * else a prompt when there is a terminal. Without a user, or a password and a terminal: a usage error.
     */
    public static Credentials resolve(Given given, Map<String, String> env) {
        String domain = given.domain();
        String user = given.user();
        char[] password = given.password();
        EnvCredentials fromEnv = EnvCredentials.read(env);
        if (user == null || user.isEmpty()) {
            user = fromEnv.user();
            domain = fromEnv.domain() != null ? fromEnv.domain() : domain;
        }
        if (user == null || user.isEmpty()) {
            throw new SmbkitException(Failure.USAGE, "no user name",
                    "Give -U USER, -A FILE or " + EnvCredentials.ENV_USER + ", or -N for a NULL session");
        }
        if (password == null) {
            password = fromEnv.password();
        }
        if (password == null) {
            password = prompt(domain, user);
        }
        return Credentials.user(domain, user, password);
    }

    private static char[] prompt(String domain, String user) {
        Console console = System.console();
        String who = (domain == null ? "" : domain + "\\") + user;
        if (console == null) {
            throw new SmbkitException(Failure.USAGE, "no password for " + who + " and no terminal to ask for one",
                    "Use -A FILE, " + EnvCredentials.ENV_PASSWORD + ", -U USER%PASSWORD, or -N for a NULL session");
        }
        char[] p = console.readPassword("Password for [%s]: ", who);
        if (p == null) {
            throw new SmbkitException(Failure.USAGE, "no password entered for " + who, null);
        }
        return p;
    }
}
