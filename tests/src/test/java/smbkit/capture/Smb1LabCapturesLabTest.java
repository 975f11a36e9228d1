package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.capture.LabCaptures.Holder;

/**
 * The KB's sessions over SMB1 (NT LM 0.12), captured by smb-capture --live (dumpcap first, else tcpdump) on
 * loopback against the lab's SMB1-only server: impacket, forced to SMB1, holds two NULL sessions from
 * 127.0.0.221 on \PIPE\spoolss with RpcOpenPrinterEx and no close, labadmin from 127.0.0.222 with two files
 * open, and a NULL session from 127.0.0.223 that logs off. The report names the clients, contexts, pipes,
 * handles and findings, and agrees field by field with tshark ({@code ntlmssp.auth.*}, {@code smb.*},
 * {@code dcerpc.*}) on the same file, with the assertions of {@link LabCapturesLabTest} ({@link LabCaptures}).
 * Only these clients are compared: the lab's own SMB1 holders are already connected when the capture begins.
 */
@Tag("lab")
class Smb1LabCapturesLabTest {

    static final String SPOOLER = "127.0.0.221";
    static final String USER = "127.0.0.222";
    static final String TEMPORARY = "127.0.0.223";
    static final Set<String> MINE = Set.of(SPOOLER, USER, TEMPORARY);

    @TempDir
    static Path tmp;

    static LabCaptures.Captured lab;

    @BeforeAll
    static void captureTheSmb1Lab() throws Exception {
        Lab.smb1Scenario();
        assumeTrue(LiveCapture.find(System.getenv("PATH")) != null, "neither dumpcap nor tcpdump is installed");
        // LabCapturesLabTest's clients, every connection forced to SMB1
        String holder = LabCaptures.HOLDER
                .replace("from impacket.smbconnection import SMBConnection",
                        "from impacket.smbconnection import SMBConnection\nfrom impacket.smb import SMB_DIALECT")
                .replace("preferredDialect=dialect", "preferredDialect=SMB_DIALECT");
        lab = LabCaptures.capture(tmp, "lab1", holder, Lab.SMB1_ADDRESS, Lab.SMB1_PORT, MINE, List.of(
                new Holder("the spooler's NULL sessions over SMB1", "spooler", SPOOLER, "2"),
                new Holder("labadmin's SMB1 session", "user", USER, "1"),
                new Holder("the temporary SMB1 NULL session", "temporary", TEMPORARY)));
    }

    @Test
    void theSpoolersSmb1NullSessionsHoldTheirPrinterHandles() {
        LabCaptures.assertTheSpoolerHoldsItsHandles(lab, SPOOLER, Map.of("protocol", "smb1", "dialect", "NT LM 0.12"));
    }

    @Test
    void theSmb1UserSessionHasItsContextAndFiles() {
        LabCaptures.assertTheUserSessionHasItsContextAndFiles(lab, USER, Map.of("protocol", "smb1"));
    }

    @Test
    void theTemporarySmb1NullSessionLoggedOff() {
        LabCaptures.assertTheTemporaryNullSessionLoggedOff(lab, TEMPORARY);
    }

    // ---- field by field with tshark on the same file ----

    @Test
    void theSecurityContextsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        Set<String> theirs = LabCaptures.assertTheSecurityContextsAgreeWithTshark(lab);
        assertEquals(4, theirs.size(), theirs.toString());
    }

    @Test
    void theHandlesOpenedAndNeverClosedAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        LabCaptures.assertTheHandlesOpenedAndNeverClosedAgreeWithTshark(lab, SPOOLER);
    }

    @Test
    void treesPipesBindsAndLogoffsAgreeWithTshark() {
        assumeTrue(Tshark.installed(), "tshark is not installed");
        LabCaptures.assertTreesPipesBindsAndLogoffsAgreeWithTshark(lab, LabCaptures.Dialect.SMB1, TEMPORARY);
    }
}
