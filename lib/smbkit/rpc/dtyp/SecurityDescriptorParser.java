package smbkit.rpc.dtyp;

import java.util.ArrayList;
import java.util.List;

import smbkit.model.SecurityDescriptor;
import smbkit.model.SecurityDescriptor.Ace;
import smbkit.model.SecurityDescriptor.Effect;
import smbkit.model.SecurityDescriptor.Sid;

/**
 * A bounded reader of self-relative security descriptors (MS-DTYP 2.4.6), written because jcifs-ng's
 * loops on an ACE of size 0 and trusts every offset. Each offset must point past the 20-byte header and
 * inside the descriptor, each ACL and ACE must lie inside its container with sizes at least their headers
 * and multiples of 4, and an ACL may hold at most {@link #MAX_ACES} entries: anything else is
 * {@link Unreadable}, never a guess.
 */
public final class SecurityDescriptorParser {

    private SecurityDescriptorParser() {}

    static final int HEADER = 20;
    static final int ACL_HEADER = 8;
    static final int ACE_HEADER = 4;
    /** Far more than any share or printer carries; an ACL claiming more is not one to show. */
    public static final int MAX_ACES = 1024;
    static final int MAX_SUB_AUTHORITIES = 15;

    /** Why a descriptor could not be read, in a few words. */
    public static final class Unreadable extends Exception {
        public Unreadable(String why) {
            super(why, null, false, false);
        }
    }

    public static SecurityDescriptor parse(byte[] sd) throws Unreadable {
        if (sd.length < HEADER) {
            throw new Unreadable(sd.length + " bytes, shorter than the 20-byte header");
        }
        if (sd[0] != 1) {
            throw new Unreadable("revision " + (sd[0] & 0xFF) + ", not 1");
        }
        int control = u16(sd, 2);
        long owner = u32(sd, 4);
        long group = u32(sd, 8);
        long dacl = u32(sd, 16);
        Sid ownerSid = owner == 0 ? null : sid(sd, offset(sd, owner, "owner"), sd.length, "owner");
        Sid groupSid = group == 0 ? null : sid(sd, offset(sd, group, "group"), sd.length, "group");
        if ((control & SecurityDescriptor.SE_DACL_PRESENT) == 0) {
            return new SecurityDescriptor(control, ownerSid, groupSid, null, dacl);
        }
        List<Ace> aces = dacl == 0 ? null : acl(sd, offset(sd, dacl, "DACL"));
        return new SecurityDescriptor(control, ownerSid, groupSid, aces, 0);
    }

    private static int offset(byte[] sd, long offset, String what) throws Unreadable {
        if (offset < HEADER || offset >= sd.length) {
            throw new Unreadable("the " + what + " offset " + (int) offset + " is outside the descriptor body (20 to "
                    + (sd.length - 1) + ")");
        }
        return (int) offset;
    }

    private static List<Ace> acl(byte[] sd, int at) throws Unreadable {
        if (at + ACL_HEADER > sd.length) {
            throw new Unreadable("the DACL header at " + at + " runs past the end");
        }
        int revision = sd[at] & 0xFF;
        int size = u16(sd, at + 2);
        int count = u16(sd, at + 4);
        if (revision != 2 && revision != 4) {
            throw new Unreadable("DACL revision " + revision);
        }
        if (size < ACL_HEADER || at + size > sd.length) {
            throw new Unreadable("a DACL of " + size + " bytes at " + at + " in " + sd.length);
        }
        if (count > MAX_ACES) {
            throw new Unreadable("a DACL of " + count + " entries (at most " + MAX_ACES + " are read)");
        }
        int end = at + size;
        int p = at + ACL_HEADER;
        List<Ace> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (p + ACE_HEADER > end) {
                throw new Unreadable("entry " + (i + 1) + " of " + count + " starts past the DACL's end");
            }
            int aceSize = u16(sd, p + 2);
            if (aceSize < ACE_HEADER + 4 || aceSize % 4 != 0 || p + aceSize > end) {
                throw new Unreadable("entry " + (i + 1) + " has size " + aceSize + " (at least 8, a multiple of 4, inside the DACL)");
            }
            out.add(ace(sd, p, p + aceSize));
            p += aceSize;
        }
        return out;
    }

    private static Ace ace(byte[] sd, int at, int end) throws Unreadable {
        int type = sd[at] & 0xFF;
        int flags = sd[at + 1] & 0xFF;
        int mask = (int) u32(sd, at + 4);
        boolean object = type == 0x5 || type == 0x6 || type == 0x7 || type == 0x8 || type == 0xB || type == 0xC
                || type == 0xF || type == 0x10;
        boolean callback = type >= 0x9 && type <= 0x10;
        Effect effect = switch (type) {
            case 0x0, 0x5, 0x9, 0xB -> Effect.ALLOW;
            case 0x1, 0x6, 0xA, 0xC -> Effect.DENY;
            case 0x2, 0x7, 0xD, 0xF -> Effect.AUDIT;
            case 0x3, 0x8, 0xE, 0x10 -> Effect.ALARM;
            case 0x11 -> Effect.LABEL;
            default -> Effect.OTHER;
        };
        if (type == 0x4 || type > 0x13) {
            return new Ace(type, flags, effect, false, false, mask, null, null, null);
        }
        int p = at + 8;
        String objectType = null;
        String inherited = null;
        if (object) {
            if (p + 4 > end) {
                throw new Unreadable("an object ACE too short for its flags");
            }
            long objectFlags = u32(sd, p);
            p += 4;
            if ((objectFlags & 1) != 0) {
                objectType = guid(sd, p, end);
                p += 16;
            }
            if ((objectFlags & 2) != 0) {
                inherited = guid(sd, p, end);
                p += 16;
            }
        }
        return new Ace(type, flags, effect, object, callback, mask, sid(sd, p, end, "an ACE's"), objectType, inherited);
    }

    private static Sid sid(byte[] sd, int at, int end, String what) throws Unreadable {
        if (at + 8 > end) {
            throw new Unreadable("the " + what + " SID runs past its end");
        }
        int count = sd[at + 1] & 0xFF;
        if (sd[at] != 1 || count > MAX_SUB_AUTHORITIES || at + 8 + 4 * count > end) {
            throw new Unreadable("the " + what + " SID (revision " + (sd[at] & 0xFF) + ", " + count + " sub-authorities) does not fit");
        }
        long authority = 0;
        for (int i = 0; i < 6; i++) {
            authority = authority << 8 | (sd[at + 2 + i] & 0xFF);
        }
        long[] subs = new long[count];
        for (int i = 0; i < count; i++) {
            subs[i] = u32(sd, at + 8 + 4 * i);
        }
        return new Sid(authority, subs);
    }

    private static String guid(byte[] sd, int at, int end) throws Unreadable {
        if (at + 16 > end) {
            throw new Unreadable("an object ACE's GUID runs past its end");
        }
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", u32(sd, at), u16(sd, at + 4),
                u16(sd, at + 6), sd[at + 8], sd[at + 9], sd[at + 10], sd[at + 11], sd[at + 12], sd[at + 13],
                sd[at + 14], sd[at + 15]);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
