package smbkit.capture.smb;

import smbkit.capture.net.StreamSink;
import smbkit.capture.pcap.Bytes;

/**
 * Cuts one direction of a TCP stream into SMB messages: NetBIOS session service framing (RFC 1002; on 445
 * the same four bytes with a 24-bit length). Only a message's first {@link #KEEP} bytes are kept (a large
 * read's file data is not needed). After a gap, at a capture's mid-stream start, or on bytes that are not
 * SMB, it looks for the next header followed by an SMB protocol id and counts what it skipped.
 */
public final class NetBiosFramer implements StreamSink {

    public static final int KEEP = 1 << 20;

    public interface Messages {
        void message(Bytes message, boolean cut, long timeNanos, long frame);
    }

    private final Messages out;
    private static final byte[] EMPTY = new byte[0];
    /** What waits for the rest of its message; released whenever nothing waits (many idle connections stay small). */
    private byte[] buf = EMPTY;
    private int len;
    private long skipping;
    private boolean resync;
    private long garbageBytes;
    private long gapBytes;
    private int gaps;

    public NetBiosFramer(Messages out, boolean startsMidStream) {
        this.out = out;
        this.resync = startsMidStream;
    }

    public long garbageBytes() {
        return garbageBytes;
    }

    public int gaps() {
        return gaps;
    }

    public long gapBytes() {
        return gapBytes;
    }

    @Override
    public void gap(long bytes, long timeNanos) {
        gaps++;
        gapBytes += bytes;
        if (skipping >= bytes) {
            skipping -= bytes; // the hole is inside a message's tail we skip anyway
            return;
        }
        skipping = 0;
        len = 0;
        buf = EMPTY;
        resync = true;
    }

    @Override
    public void data(byte[] b, int off, int n, long time, long frame) {
        while (n > 0) {
            if (skipping > 0) {
                int s = (int) Math.min(skipping, n);
                skipping -= s;
                off += s;
                n -= s;
                continue;
            }
            int room = Math.min(n, (KEEP + 64) - len);
            if (room <= 0) {
                // cannot happen: a whole kept message is delivered as soon as it is in
                len = 0;
                continue;
            }
            ensure(len + room);
            System.arraycopy(b, off, buf, len, room);
            len += room;
            off += room;
            n -= room;
            process(time, frame);
        }
    }

    private void ensure(int size) {
        if (buf.length < size) {
            byte[] nb = new byte[Math.min(KEEP + 64, Math.max(size, buf.length * 2))];
            System.arraycopy(buf, 0, nb, 0, len);
            buf = nb;
        }
    }

    static boolean smbMagic(byte[] b, int at) {
        return (b[at] == (byte) 0xFF || b[at] == (byte) 0xFE || b[at] == (byte) 0xFD || b[at] == (byte) 0xFC)
                && b[at + 1] == 'S' && b[at + 2] == 'M' && b[at + 3] == 'B';
    }

    private void process(long time, long frame) {
        int at = 0;
        while (true) {
            if (skipping > 0) {
                int s = (int) Math.min(skipping, len - at);
                skipping -= s;
                at += s;
                if (skipping > 0) {
                    break;
                }
            }
            int avail = len - at;
            if (avail < 4) {
                break;
            }
            int type = buf[at] & 0xff;
            if (resync || type != 0) {
                if (!resync && type >= 0x81 && type <= 0x85) {
                    int l = ((buf[at + 1] & 1) << 16) | (buf[at + 2] & 0xff) << 8 | (buf[at + 3] & 0xff);
                    at += 4;
                    skipping = l;
                    continue;
                }
                // look for "00 LL LL LL xSMB"
                int found = -1;
                for (int i = at + (resync ? 0 : 1); i + 8 <= len; i++) {
                    if (buf[i] == 0 && smbMagic(buf, i + 4)) {
                        found = i;
                        break;
                    }
                }
                if (found < 0) {
                    int keep = Math.min(7, avail);
                    garbageBytes += avail - keep;
                    at = len - keep;
                    if (!resync) {
                        resync = true;
                    }
                    break;
                }
                garbageBytes += found - at;
                at = found;
                resync = false;
                continue;
            }
            if (avail < 8) {
                break;
            }
            if (!smbMagic(buf, at + 4)) {
                resync = true;
                garbageBytes += 1;
                at += 1;
                continue;
            }
            int l = (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | (buf[at + 3] & 0xff);
            if (l <= KEEP) {
                if (avail < 4 + l) {
                    break;
                }
                out.message(new Bytes(buf, at + 4, at + 4 + l), false, time, frame);
                at += 4 + l;
            } else {
                if (avail < 4 + KEEP) {
                    break;
                }
                out.message(new Bytes(buf, at + 4, at + 4 + KEEP), true, time, frame);
                at += 4 + KEEP;
                skipping = l - KEEP;
            }
        }
        if (at > 0) {
            System.arraycopy(buf, at, buf, 0, len - at);
            len -= at;
        }
        if (len == 0) {
            buf = EMPTY;
        }
    }
}
