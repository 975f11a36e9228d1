package smbkit.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.samba.LocalSamba;
import smbkit.access.windows.WindowsServer;

/**
 * One way to reach a server, split into capabilities: each backend implements what it can, and asking a way for
 * one it lacks is NOT_AVAILABLE with its reason, never a silent no-op.
 */
class ServerAccessTest {

    /** A way that can only read: every abstract method answers null, "where" names it. */
    static ServerAccess readOnly() {
        return (ServerAccess) Proxy.newProxyInstance(ServerAccess.class.getClassLoader(), new Class<?>[] {ServerAccess.class},
                (proxy, m, args) -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args)
                        : m.getName().equals("where") ? "a reader" : null);
    }

    @Test
    void eachBackendDeclaresWhatItCanDo() {
        for (Class<?> capability : List.of(SessionControl.class, FileControl.class, ShareControl.class)) {
            assertTrue(capability.isAssignableFrom(RemoteServer.class), "srvsvc: " + capability.getSimpleName());
            assertTrue(capability.isAssignableFrom(WindowsServer.class), "the Windows API: " + capability.getSimpleName());
        }
        assertTrue(SessionControl.class.isAssignableFrom(LocalSamba.class), "smbcontrol ends a client's sessions");
        assertTrue(ShareControl.class.isAssignableFrom(LocalSamba.class), "net conf adds and removes shares");
        assertFalse(FileControl.class.isAssignableFrom(LocalSamba.class), "Samba has no tool to close one file");
        assertTrue(ConnectionTable.class.isAssignableFrom(LocalSamba.class) && ConnectionTable.class.isAssignableFrom(WindowsServer.class)
                && !ConnectionTable.class.isAssignableFrom(RemoteServer.class), "nbtstat -s: only on the server itself");
    }

    @Test
    void aCapabilityTheWayLacksIsNotAvailableWithItsReason() {
        ServerAccess reader = readOnly();
        SmbkitException e = assertThrows(SmbkitException.class, () -> reader.capability(FileControl.class));
        assertEquals(Failure.NOT_AVAILABLE, e.failure());
        assertTrue(e.getMessage().contains("a reader offers no FileControl"), e.getMessage());
        assertEquals(Failure.NOT_AVAILABLE,
                assertThrows(SmbkitException.class, () -> reader.capability(ShareControl.class)).failure());
    }

    @Test
    void aCapabilityTheWayHasIsTheServerItself() {
        ServerAccess both = (ServerAccess) Proxy.newProxyInstance(ServerAccess.class.getClassLoader(),
                new Class<?>[] {ServerAccess.class, SessionControl.class},
                (proxy, m, args) -> m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, args) : null);
        assertSame(both, both.capability(SessionControl.class));
    }
}
