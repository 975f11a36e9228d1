package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.capture.LabCaptures.Holder;

/**
 * Captures the lab makes of itself: smb-capture --live on loopback while impacket (an independent client)
 * holds two NULL sessions from 127.0.0.201 on \PIPE\spoolss with RpcOpenPrinterEx and no close (the KB's
 * print spooler), labadmin from 127.0.0.202 with two files open (SMB 2.1), a NULL session from 127.0.0.203
 * that logs off (a temporary one), and labadmin from 127.0.0.204 over SMB 3.1.1, which impacket encrypts. The report names the clients, contexts, pipes, handles and findings, and agrees
 * with tshark on the same file field by field ({@link LabCaptures}: the assertions SMB1 shares).
 */
@Tag("lab")
class LabCapturesLabTest {

    static final String SPOOLER = "127.0.0.201";
    static final String USER = "127.0.0.202";
    static final String TEMPORARY = "127.0.0.203";
    static final String ENCRYPTED = "127.0.0.204";

    @TempDir
    static Path tmp;

    static LabCaptures.Captured lab;

    @BeforeAll
    static void captureTheLab() throws Exception {
        Lab.up();
        assumeTrue(LiveCapture.find(System.getenv("PATH")) != null, "neither dumpcap nor tcpdump is installed");
        lab = LabCaptures.capture(tmp, "lab", LabCaptures.HOLDER, "127.0.0.1", Lab.PORT, null, List.of(
                new Holder("the spooler's NULL sessions", "spooler", SPOOLER, "2"),
                new Holder("labadmin's session", "user", USER, "2.1"),
                new Holder("the temporary NULL session", "temporary", TEMPORARY),
                new Holder("labadmin's encrypted session", "user", ENCRYPTED, "3")));
    }

    @Test
    void theSpoolersNullSessionsHoldTheirPrinterHandles() {
        LabCaptures.assertTheSpoolerHoldsItsHandles(lab, SPOOLER, Map.of());
    }

    @Test
    void theUserSessionHasItsContextAndFiles() {
        LabCaptures.assertTheUserSessionHasItsContextAndFiles(lab, USER, Map.of("dialect", "2.1", "encrypted", false));
    }

    @Test
    void theEncryptedSessionIsSaidSo() {
        List<Map<String, Object>> s = lab.sessions(ENCRYPTED);
        assertEquals(1, s.size(), s.toString());
        assertEquals(true, s.get(0).get("encrypted"));
        assertEquals("labadmin", s.get(0).get("user"));
        assertEquals(List.of(), s.get(0).get("files"), "nothing inside is readable");
        assertTrue(lab.findings().stream().anyMatch(f -> "encrypted_sessions".equals(f.get("kind"))
                && f.get("title").toString().contains(" from " + ENCRYPTED + " encrypted")), lab.report().get("findings").toString());
    }

    @Test
    void theTemporaryNullSessionLoggedOff() {
        LabCaptures.assertTheTemporaryNullSessionLoggedOff(lab, TEMPORARY);
    }

    // ---- field by field with tshark on the same file ----

    @Test
    void theSecurityContextsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        LabCaptures.assertTheSecurityContextsAgreeWithTshark(lab);
    }

    @Test
    void theHandlesOpenedAndNeverClosedAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        LabCaptures.assertTheHandlesOpenedAndNeverClosedAgreeWithTshark(lab, SPOOLER);
        Set<String> machines = new TreeSet<>(lab.tshark("spoolss.opnum == 69 && dcerpc.pkt_type == 0", "spoolss.userlevel.client")
                .stream().map(r -> r.get(0)).toList());
        assertEquals(Set.of("HOLDER201"), machines);
    }

    @Test
    void treesPipesBindsAndLogoffsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        LabCaptures.assertTreesPipesBindsAndLogoffsAgreeWithTshark(lab, LabCaptures.Dialect.SMB2, TEMPORARY);
    }
}
