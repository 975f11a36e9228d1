package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.io.ChildEnvironment;
import smbkit.rpc.Credentials;

/** SMBKIT_USER / USER in smbclient's USER%PASSWORD form are split as -U splits it, in one place for every caller. */
class EnvCredentialsTest {

    static Credentials resolve(Map<String, String> env) {
        TargetOptions t = new TargetOptions();
        t.env = env;
        return t.credentials();
    }

    @Test
    void smbkitUserWithAPasswordIsSplit() {
        EnvCredentials e = EnvCredentials.read(Map.of("SMBKIT_USER", "LAB/labadmin%s3cret"));
        assertEquals("LAB", e.domain());
        assertEquals("labadmin", e.user());
        assertArrayEquals("s3cret".toCharArray(), e.password());
        Credentials c = resolve(Map.of("SMBKIT_USER", "LAB/labadmin%s3cret"));
        assertEquals("LAB\\labadmin", c.principal());
        assertFalse(c.toString().contains("s3cret"));
    }

    @Test
    void userIsSplitToo() {
        assertEquals("labuser", resolve(Map.of("USER", "labuser%pw")).principal());
    }

    @Test
    void smbkitPasswordWinsOverThePasswordInTheUserVariable() {
        EnvCredentials e = EnvCredentials.read(Map.of("SMBKIT_USER", "u%one", "SMBKIT_PASSWORD", "two"));
        assertArrayEquals("two".toCharArray(), e.password());
    }

    @Test
    void smbkitUserComesBeforeUser() {
        assertEquals("admin", resolve(Map.of("SMBKIT_USER", "admin", "USER", "root", "SMBKIT_PASSWORD", "x")).principal());
        assertEquals("root", resolve(Map.of("SMBKIT_USER", "", "USER", "root", "SMBKIT_PASSWORD", "x")).principal());
    }

    @Test
    void minusUComesBeforeTheEnvironment() {
        TargetOptions t = new TargetOptions();
        t.env = Map.of("SMBKIT_USER", "other%pw");
        t.userSpec = "mine%mypw";
        assertEquals("mine", t.credentials().principal());
    }

    @Test
    void aChildProcessInheritsNoCredentials() {
        Map<String, String> env = new HashMap<>(Map.of("SMBKIT_PASSWORD", "s3cret", "SMBKIT_USER", "admin%s3cret",
                "USER", "root%s3cret", "PATH", "/usr/bin"));
        ChildEnvironment.scrub(env);
        assertNull(env.get("SMBKIT_PASSWORD"));
        assertEquals(Map.of("SMBKIT_USER", "admin", "USER", "root", "PATH", "/usr/bin"), env);
    }

    /** smb-shell's -U and a script's -U are resolved by the same rule: its domain kept, the environment's password used. */
    @Test
    void runbooksResolveAsTheScriptsDo() {
        Map<String, String> env = Map.of("SMBKIT_PASSWORD", "x");
        smbkit.run.RunbookCredentials.user("CORP/admin");
        try {
            TargetOptions t = new TargetOptions();
            t.env = env;
            t.userSpec = "CORP/admin";
            assertEquals(t.credentials().principal(), smbkit.run.RunbookCredentials.get(env).principal());
            assertEquals("CORP\\admin", t.credentials().principal());
        } finally {
            smbkit.run.RunbookCredentials.forget();
        }
        smbkit.run.RunbookCredentials.forget();
        assertEquals("labuser", smbkit.run.RunbookCredentials.get(Map.of("USER", "labuser%pw")).principal());
        smbkit.run.RunbookCredentials.forget();
    }
}
