package smbkit.io;

import java.util.Map;

/**
 * The environment variables that carry smbkit's credentials ({@code SMBKIT_USER} in smbclient's
 * {@code [DOMAIN/]USER[%PASSWORD]} form, else {@code USER}; {@code SMBKIT_PASSWORD}), and how they are kept
 * from the tools smbkit runs.
 */
public final class ChildEnvironment {

    private ChildEnvironment() {}

    public static final String ENV_USER = "SMBKIT_USER";
    public static final String ENV_PASSWORD = "SMBKIT_PASSWORD";

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
}
