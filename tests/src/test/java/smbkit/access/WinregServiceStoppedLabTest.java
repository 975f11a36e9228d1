package smbkit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.Lab;
import smbkit.SmbkitException;
import smbkit.cli.AuthFile;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;

/**
 * A Windows server whose RemoteRegistry service is stopped has no \PIPE\winreg: opening it fails with
 * NT_STATUS_OBJECT_NAME_NOT_FOUND. Samba always offers winreg, so the lab meets the same refusal through a
 * pipe name it does not have.
 */
@Tag("lab")
class WinregServiceStoppedLabTest {

    @Test
    void aMissingWinregPipeSaysHowToStartTheService() {
        Lab.up();
        AuthFile a = AuthFile.read(Lab.ADMIN_AUTH);
        try (SmbConnection c = SmbConnection.open(Target.parse(Lab.HOST), Credentials.user(a.domain(), a.user(), a.password()),
                SmbConnection.Options.defaults())) {
            RemoteRegistry stopped = new RemoteRegistry(c, "smbkit-no-such-pipe");
            SmbkitException e = assertThrows(SmbkitException.class, () -> stopped.get("SYSTEM\\CurrentControlSet\\Control\\Lsa", "RestrictAnonymous"));
            assertEquals(Failure.NOT_AVAILABLE, e.failure());
            assertEquals(Lab.HOST + " offers no \\PIPE\\smbkit-no-such-pipe: the RemoteRegistry service is not running there."
                    + " Start it with 'sc \\\\127.0.0.1 start RemoteRegistry' (or services.msc on the server), or run smbkit"
                    + " on the server itself", e.oneLine());
            assertTrue(e.getCause().getMessage().contains("0xC0000034"), "NT_STATUS_OBJECT_NAME_NOT_FOUND: " + e.getCause().getMessage());

            assertTrue(new RemoteRegistry(c).keyExists("SYSTEM"), "the same connection still reaches the real pipe");
        }
    }
}
