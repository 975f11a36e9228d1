package smbkit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which Samba configuration local mode reads when none is given. */
class LocalServersTest {

    static final Optional<Path> BUILT_IN = Optional.of(Path.of("/usr/local/samba/etc/smb.conf"));

    @Test
    void theGivenFileFirst() {
        assertEquals(Path.of("/srv/smb.conf"), LocalServers.sambaConf(Path.of("/srv/smb.conf"),
                Map.of(LocalServers.ENV_SAMBA_CONF, "/env/smb.conf"), () -> BUILT_IN));
    }

    @Test
    void thenTheEnvironment() {
        assertEquals(Path.of("/env/smb.conf"), LocalServers.sambaConf(null, Map.of(LocalServers.ENV_SAMBA_CONF, "/env/smb.conf"),
                () -> BUILT_IN));
    }

    @Test
    void thenTheOneSmbdWasBuiltWith() {
        assertEquals(BUILT_IN.get(), LocalServers.sambaConf(null, Map.of(LocalServers.ENV_SAMBA_CONF, " "), () -> BUILT_IN));
    }

    @Test
    void elseTheUsualPlace() {
        assertEquals(Path.of("/etc/samba/smb.conf"), LocalServers.sambaConf(null, Map.of(), Optional::empty));
    }
}
