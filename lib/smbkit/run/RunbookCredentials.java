package smbkit.run;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.cli.AuthFile;
import smbkit.cli.EnvCredentials;
import smbkit.cli.CredentialResolver;
import smbkit.cli.UserSpec;
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

    /** As the scripts resolve them ({@link CredentialResolver}): -U's user, else the environment's; its password, else a prompt. */
    public static Credentials get() {
        return get(System.getenv());
    }

    /** The same with this environment (tests). */
    public static synchronized Credentials get(java.util.Map<String, String> env) {
        if (credentials == null) {
            if (promptUser == null && EnvCredentials.read(env).user() == null) {
                throw none();
            }
            credentials = CredentialResolver.resolve(promptUser == null ? CredentialResolver.Given.NOTHING : CredentialResolver.Given.of(UserSpec.parse(promptUser)), env);
        }
        return credentials;
    }

    private static SmbkitException none() {
        return new SmbkitException(Failure.USAGE, "no credentials for the runbook and no terminal to ask for a password",
                "Give smb-shell -A FILE, or set " + EnvCredentials.ENV_USER + " and " + EnvCredentials.ENV_PASSWORD);
    }
}
