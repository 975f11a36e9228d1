package smbkit.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HexFormat;

/**
 * A plain SMB2 NEGOTIATE (dialect 2.0.2) on a fresh connection, to tell a server that closes at negotiate (the
 * KB's symptom on Samba: at 'max smbd processes') from one that answers something that is not SMB, which
 * jcifs-ng reports the same way. Bounded: 3 s to connect, 3 s for the reply, at most 64 bytes read.
 */
final class NegotiateProbe {

    private NegotiateProbe() {}

    static final int TIMEOUT_MS = 3_000;

    /** Direct TCP header, SMB2 header (command 0), NEGOTIATE with one dialect, 0x0202. */
    static final byte[] NEGOTIATE = HexFormat.of().parseHex("00000066"
            + "fe534d42" + "4000" + "0000" + "00000000" + "0000" + "0100" + "00000000" + "00000000"
            + "0000000000000000" + "00000000" + "00000000" + "0000000000000000" + "00000000000000000000000000000000"
            + "2400" + "0100" + "0100" + "0000" + "00000000" + "00000000000000000000000000000000" + "0000000000000000"
            + "0202");

    /** The first bytes the server sends back (empty when it closes or resets without a byte, or on any failure). */
    static byte[] reply(Target target) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(target.host(), target.port()), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(NEGOTIATE);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = 0;
            while (n < 8) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            byte[] got = new byte[n];
            System.arraycopy(buf, 0, got, 0, n);
            return got;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** A direct-TCP frame holding an SMB1 or SMB2 message. */
    static boolean isSmb(byte[] r) {
        return r.length >= 8 && r[0] == 0 && ((r[4] & 0xFF) == 0xFE || (r[4] & 0xFF) == 0xFF)
                && r[5] == 'S' && r[6] == 'M' && r[7] == 'B';
    }

    /** The first bytes as text when they are printable, else in hex. */
    static String show(byte[] r) {
        int n = Math.min(r.length, 16);
        StringBuilder text = new StringBuilder();
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            char c = (char) (r[i] & 0xFF);
            printable &= c >= 0x20 && c < 0x7F;
            text.append(c);
        }
        return printable ? "\"" + text + "...\"" : HexFormat.of().formatHex(r, 0, n) + "...";
    }
}
