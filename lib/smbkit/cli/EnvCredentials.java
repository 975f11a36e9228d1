package smbkit.cli;

import java.util.Map;

import smbkit.io.ChildEnvironment;

/**
 * Credentials from the environment, read here and nowhere else: {@code SMBKIT_USER} (else {@code USER}, as
 * smbclient falls back to it) in smbclient's {@code [DOMAIN/]USER[%PASSWORD]} form, and {@code SMBKIT_PASSWORD},
 * which wins over a password in the user variable. {@link ChildEnvironment#scrub} keeps them from the tools smbkit runs.
 */
public record EnvCredentials(String domain, String user, char[] password) {

    public static final String ENV_USER = ChildEnvironment.ENV_USER;
    public static final String ENV_PASSWORD = ChildEnvironment.ENV_PASSWORD;

    /** What the environment says; any part may be null. */
    public static EnvCredentials read(Map<String, String> env) {
        String spec = env.get(ENV_USER);
        if (spec == null || spec.isEmpty()) {
            spec = env.get("USER");
        }
        UserSpec u = spec == null || spec.isEmpty() ? null : UserSpec.parse(spec);
        char[] password = env.get(ENV_PASSWORD) != null ? env.get(ENV_PASSWORD).toCharArray() : u == null ? null : u.password();
        return new EnvCredentials(u == null ? null : u.domain(), u == null || u.user().isEmpty() ? null : u.user(), password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return (domain == null ? "" : domain + "\\") + user;
    }
}
