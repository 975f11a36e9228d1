package smbkit.cli;

import java.util.Map;

/**
 * Credentials from the environment, read here and nowhere else: {@code SMBKIT_USER} (else {@code USER}, as
 * smbclient falls back to it) in smbclient's {@code [DOMAIN/]USER[%PASSWORD]} form, and {@code SMBKIT_PASSWORD},
 * which wins over a password in the user variable. {@link #scrub} keeps them from the tools smbkit runs.
 */
public record EnvCredentials(String domain, String user, char[] password) {

    public static final String ENV_USER = "SMBKIT_USER";
    public static final String ENV_PASSWORD = "SMBKIT_PASSWORD";

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

    /**
     * A child process's environment without smbkit's credentials: SMBKIT_PASSWORD removed, and SMBKIT_USER or
     * USER cut before a {@code %PASSWORD}.
     */
    public static void scrub(Map<String, String> childEnv) {
        childEnv.remove(ENV_PASSWORD);
        for (String name : new String[] {ENV_USER, "USER"}) {
            String v = childEnv.get(name);
            if (v != null && v.indexOf('%') >= 0) {
                childEnv.put(name, v.substring(0, v.indexOf('%')));
            }
        }
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return (domain == null ? "" : domain + "\\") + user;
    }
}
