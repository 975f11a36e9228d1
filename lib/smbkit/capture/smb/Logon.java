package smbkit.capture.smb;

import java.nio.charset.StandardCharsets;

import smbkit.capture.pcap.Bytes;

/**
 * Who a session set-up says the client is, from its security blob: NTLMSSP's AUTHENTICATE message (user,
 * domain, workstation; anonymous when the user name and the NT response are both empty, whatever the flags
 * say), or a Kerberos AP-REQ inside SPNEGO (shown as "kerberos": its client name is encrypted).
 */
public record Logon(String auth, String user, String domain, String workstation) {

    static final byte[] NTLMSSP = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    /** The Kerberos OIDs (RFC 4121 and Microsoft's) followed by the AP-REQ token id 01 00. */
    static final byte[] KRB5_AP_REQ = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00};
    static final byte[] MS_KRB5_AP_REQ = {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02, 0x01, 0x00};

    /** The logon a session set-up request's blob carries, or null (an NTLM NEGOTIATE, say). */
    public static Logon fromBlob(Bytes blob) {
        int at = blob.indexOf(NTLMSSP, 0);
        if (at >= 0) {
            Bytes m = blob.from(at);
            if (m.has(8, 4) && m.u32(8) == 3) {
                return authenticate(m);
            }
            return null;
        }
        if (blob.indexOf(KRB5_AP_REQ, 0) >= 0 || blob.indexOf(MS_KRB5_AP_REQ, 0) >= 0) {
            return new Logon("kerberos", null, null, null);
        }
        return null;
    }

    static Logon authenticate(Bytes m) {
        long flags = m.has(60, 4) ? m.u32(60) : 0;
        boolean unicode = (flags & 0x1) != 0 || !m.has(60, 4);
        int ntLen = m.u16(20);
        String domain = field(m, 28, unicode);
        String user = field(m, 36, unicode);
        String workstation = field(m, 44, unicode);
        boolean anonymous = user.isEmpty() && ntLen == 0;
        return new Logon(anonymous ? "anonymous" : "ntlm", user, domain, workstation);
    }

    private static String field(Bytes m, int at, boolean unicode) {
        int len = m.u16(at);
        int off = m.len32(at + 4);
        if (len == 0) {
            return "";
        }
        if (!m.has(off, len)) {
            return "";
        }
        return unicode ? m.utf16(off, len) : new String(m.copy(off, len), StandardCharsets.ISO_8859_1);
    }
}
