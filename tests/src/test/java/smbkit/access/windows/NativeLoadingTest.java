package smbkit.access.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.jna.Platform;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.LocalServers;
import smbkit.access.windows.WindowsRegistry;
import smbkit.access.windows.WindowsServer;

/**
 * The Windows backend is compiled into every script, so loading it must not need Windows: netapi32 and
 * advapi32 are loaded on the first call only, and where they do not exist that call says local mode is
 * unavailable instead of failing with a linkage error. And the backend is chosen by platform.
 */
class NativeLoadingTest {

    static final List<String> CLASSES = List.of("AdvApi", "NativeLayout", "NativeStructs", "NetApi", "WindowsFailures",
            "WindowsRegistry", "WindowsServer");

    @Test
    void everyClassInitializesWithoutLoadingANativeLibrary() throws Exception {
        for (String name : CLASSES) {
            Class.forName("smbkit.access.windows." + name, true, getClass().getClassLoader());
        }
        WindowsServer server = new WindowsServer();
        assertEquals("this machine (Windows)", server.where());
        assertEquals(WindowsRegistry.class, server.registry().getClass(), "built, not yet loaded");
        server.close();
    }

    @Test
    void elsewhereTheFirstCallSaysLocalModeIsUnavailable() {
        assumeFalse(Platform.isWindows(), "on Windows the libraries load");
        for (int attempt = 0; attempt < 2; attempt++) { // the second meets a class whose initialization failed
            SmbkitException netapi = assertThrows(SmbkitException.class, () -> new WindowsServer().sessions(null, null));
            assertEquals(Failure.LOCAL_UNAVAILABLE, netapi.failure());
            SmbkitException advapi = assertThrows(SmbkitException.class, () -> new WindowsRegistry().keyExists("SYSTEM"));
            assertEquals(Failure.LOCAL_UNAVAILABLE, advapi.failure());
        }
    }

    @Test
    void theBackendIsChosenByPlatform() {
        assertEquals(LocalServers.Kind.WINDOWS, LocalServers.choose("Windows 10", false));
        assertEquals(LocalServers.Kind.WINDOWS, LocalServers.choose("Windows Server 2019", true));
        assertEquals(LocalServers.Kind.SAMBA, LocalServers.choose("Linux", true));
        assertEquals(LocalServers.Kind.NONE, LocalServers.choose("Mac OS X", false));
    }
}
