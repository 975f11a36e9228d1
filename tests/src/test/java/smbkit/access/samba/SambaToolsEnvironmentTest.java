package smbkit.access.samba;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Proc;
import smbkit.Scripts;

/**
 * Samba's tools (testparm, smbstatus, net, smbcontrol) never inherit smbkit's credentials: local mode runs
 * stand-ins first on PATH that write down their environment, in a process started with SMBKIT_PASSWORD and a
 * SMBKIT_USER holding a password.
 */
class SambaToolsEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void toolsDoNotInheritTheCredentials() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path seen = Files.createDirectories(tmp.resolve("seen"));
        for (String tool : List.of("smbd", "smbstatus", "testparm", "net", "smbcontrol")) {
            Path exe = Files.writeString(bin.resolve(tool), "#!/bin/sh\nenv > " + seen.resolve(tool) + "\n"
                    + "echo '{\"sessions\": {}, \"tcons\": {}, \"open_files\": {}}'\nexit 0\n");
            Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path conf = Files.writeString(tmp.resolve("smb.conf"), "[global]\n");
        Proc p = Scripts.spawn(Map.of("PATH", bin + ":" + System.getenv("PATH"), "SMBKIT_PASSWORD", "env-s3cret",
                "SMBKIT_USER", "someone%user-s3cret", "USER", "root%login-s3cret"),
                "ListSessions", "--local", "--samba-conf", conf.toString(), "--format", "json");
        try (var files = Files.list(seen)) {
            List<Path> dumps = files.toList();
            assertFalse(dumps.isEmpty(), "a tool ran: " + p.err());
            for (Path d : dumps) {
                String env = Files.readString(d);
                assertTrue(env.contains("PATH="), env);
                assertFalse(env.contains("s3cret"), d.getFileName() + " inherited a password:\n" + env);
            }
        }
        assertFalse(p.out().contains("s3cret") || p.err().contains("s3cret"), p.out() + p.err());
    }
}
