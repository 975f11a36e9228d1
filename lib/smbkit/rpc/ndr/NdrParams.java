package smbkit.rpc.ndr;

import jcifs.dcerpc.ndr.NdrBuffer;

/** Top-level parameter idioms of MS-SRVS and MS-RRP. */
public final class NdrParams {

    private NdrParams() {}

    /** {@code [in, string, unique] wchar_t*}: a referent, then the string right after it (top level, not deferred). */
    public static void uniqueString(NdrBuffer buf, String s) {
        buf.enc_ndr_referent(s, 1);
        if (s != null) {
            buf.enc_ndr_string(s);
        }
    }
}
