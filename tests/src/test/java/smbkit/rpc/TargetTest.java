package smbkit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import smbkit.Failure;
import smbkit.SmbkitException;

/** Target parsing, checked without lookups, and the DCE/RPC binding an IPv6 target gets. */
class TargetTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fileserver           | fileserver  | 445",
        "\\\\fileserver\\     | fileserver  | 445",
        "//fileserver/        | fileserver  | 445",
        "10.0.0.5:4450        | 10.0.0.5    | 4450",
        "[::1]:4450           | ::1         | 4450",
        "[::1]                | ::1         | 445",
        "::1                  | ::1         | 445",
        "fe80::1%eth0         | fe80::1%eth0 | 445",
        "srv-01.example.com   | srv-01.example.com | 445",
    })
    void parses(String spec, String host, int port) {
        assertEquals(new Target(host, port), Target.parse(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\\\\", "127.0.999.1", "127.0.0.1-3", "1.2.3", "12345", "a b", "a/b", "x:0",
            "x:65536", "x:99999999999", "[::1]x", "[host]", "::g", "user%pass", "a..b", "@file"})
    void refuses(String spec) {
        SmbkitException e = assertThrows(SmbkitException.class, () -> Target.parse(spec));
        assertEquals(Failure.USAGE, e.failure());
    }

    @Test
    void aPasswordIsNeverQuoted() {
        SmbkitException e = assertThrows(SmbkitException.class, () -> Target.parse("DOM/admin%Secr3t!"));
        assertEquals("'DOM/admin%****' is not a host", e.getMessage());
    }

    @Test
    void ipv6GoesUnderItsUncName() {
        assertEquals("ncacn_np:10.0.0.5[\\PIPE\\srvsvc]", SmbConnection.binding(Target.parse("10.0.0.5"), "srvsvc"));
        assertEquals("ncacn_np:10.0.0.5:4450[\\PIPE\\srvsvc]", SmbConnection.binding(Target.parse("10.0.0.5:4450"), "srvsvc"));
        assertEquals("ncacn_np:--1.ipv6-literal.net:4450[\\PIPE\\winreg]", SmbConnection.binding(Target.parse("[::1]:4450"), "winreg"));
        assertEquals("ncacn_np:fe80--1seth0.ipv6-literal.net[\\PIPE\\srvsvc]", SmbConnection.binding(Target.parse("fe80::1%eth0"), "srvsvc"));
    }

    @Test
    void uncNamesResolveBackToTheirAddress() throws Exception {
        assertEquals(InetAddress.getByName("::1"), SmbConnection.Ipv6Names.literal("--1.ipv6-literal.net"));
        assertEquals(InetAddress.getByName("2001:db8::5"), SmbConnection.Ipv6Names.literal("2001-db8--5.ipv6-literal.net"));
        assertThrows(java.net.UnknownHostException.class, () -> SmbConnection.Ipv6Names.literal("fileserver.ipv6-literal.net"));
    }
}
