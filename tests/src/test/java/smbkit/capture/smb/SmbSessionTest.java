package smbkit.capture.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A session setup reply's status, read once for SMB1 and SMB2: the logon's state and, when it failed, the session's end. */
class SmbSessionTest {

    @ParameterizedTest
    @ValueSource(strings = {"smb1", "smb2"})
    void aChallengeThenASuccessIsALogon(String protocol) {
        SmbSession s = new SmbSession("10.0.0.9", 50000, "10.0.0.1", 445, 7, protocol, 1);
        assertFalse(s.setupReply(SmbSession.STATUS_MORE_PROCESSING_REQUIRED, 2));
        assertEquals("in progress", s.logon);
        assertTrue(s.setupReply(0, 3));
        assertEquals("ok", s.logon);
        assertFalse(s.setupReply(SmbSession.STATUS_MORE_PROCESSING_REQUIRED, 4), "a re-authentication's challenge");
        assertEquals("ok", s.logon, "an established logon stays so during a re-authentication");
        assertNull(s.endReason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smb1", "smb2"})
    void aRefusedLogonEndsTheSession(String protocol) {
        SmbSession s = new SmbSession("10.0.0.9", 50000, "10.0.0.1", 445, 7, protocol, 1);
        assertFalse(s.setupReply(0xC000006DL, 5)); // STATUS_LOGON_FAILURE
        assertEquals("failed (0xc000006d)", s.logon);
        assertEquals("logon failed", s.endReason);
        assertEquals(5L, s.endNanos);
    }
}
