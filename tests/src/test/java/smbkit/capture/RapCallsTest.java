package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;
import org.junit.jupiter.api.Test;

import smbkit.Scripts;

/**
 * smb-capture names the RAP calls on \PIPE\LANMAN with the one RAP decoder (smbkit.rpc.rap): the Windows 10
 * client of smb2-ntlmssp-negotiateflags.pcap asks its master browser for the browse list twice
 * (NetServerEnum2 for every server type, then for the workgroups) over SMB1 on port 139.
 */
class RapCallsTest {

    @Test
    @SuppressWarnings("unchecked")
    void theBrowseListCallsOfTheThirdPartyCaptureAreNamed() throws Exception {
        Path pcap = ThirdPartyCapturesTest.SHARED.resolve("smb2-ntlmssp-negotiateflags.pcap");
        assumeTrue(Files.isRegularFile(pcap), "the third-party captures are not here");
        Scripts.Result r = Scripts.run("ReadCapture", pcap.toString(), "--format", "json");
        Map<String, Object> report = JSON.std.mapFrom(r.out());
        long enum2 = 0;
        for (Object o : (List<Object>) report.get("sessions")) {
            Map<String, Object> s = (Map<String, Object>) o;
            Map<String, Object> calls = (Map<String, Object>) s.get("calls");
            if (calls != null && calls.get("RAP NetServerEnum2") != null) {
                enum2 += ((Number) calls.get("RAP NetServerEnum2")).longValue();
                assertEquals(true, ((List<Object>) s.get("pipes")).contains("\\PIPE\\LANMAN"));
            }
        }
        assertEquals(2, enum2, r.out());
    }
}
