package smbkit.run;

import java.io.Console;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.cli.AuthFile;
import smbkit.cli.EnvCredentials;
import smbkit.rpc.Credentials;

/**
 * Who a runbook logs on as: an authentication file (smb-shell's {@code -A}, or {@code auth(FILE)}), else the
 * environment as {@link EnvCredentials} reads it, else a password prompt on a terminal; never a literal in
 * the runbook. Resolved once, when the first call needs it.
 */
public final class RunbookCredentials {

    private RunbookCredentials() {}

    private static Credentials credentials;
    private static String promptUser;

    public static synchronized void use(AuthFile f) {
        credentials = Credentials.user(f.domain(), f.user(), f.password());
    }

    /** smb-shell's {@code -U USER} (no password): the prompt asks for this user's. */
    public static synchronized void user(String user) {
        promptUser = user;
        credentials = null;
    }

    public static synchronized void forget() {
        credentials = null;
        promptUser = null;
    }

    public static synchronized Credentials get() {
        if (credentials == null) {
            EnvCredentials env = EnvCredentials.read(System.getenv());
            String user = promptUser != null ? promptUser : env.user();
            if (user == null) {
                throw none();
            }
            char[] password = promptUser == null || env.user() != null && env.user().equals(promptUser) ? env.password() : null;
            if (password == null) {
                Console console = System.console();
                if (console == null) {
                    throw none();
                }
                password = console.readPassword("Password for [%s]: ", (env.domain() == null ? "" : env.domain() + "\\") + user);
                if (password == null) {
                    throw new SmbkitException(Failure.USAGE, "no password entered for " + user, null);
                }
            }
            credentials = Credentials.user(env.domain(), user, password);
        }
        return credentials;
    }

    private static SmbkitException none() {
        return new SmbkitException(Failure.USAGE, "no credentials for the runbook and no terminal to ask for a password",
                "Give smb-shell -A FILE, or set " + EnvCredentials.ENV_USER + " and " + EnvCredentials.ENV_PASSWORD);
    }
}
