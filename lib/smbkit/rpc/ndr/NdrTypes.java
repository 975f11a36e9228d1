package smbkit.rpc.ndr;

import java.util.List;
import java.util.Map;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;

/**
 * The parameter types of MS-SRVS and MS-RRP (and of any interface after them), each encoded and decoded in
 * one place: fixed-size integers, context handles, unique pointers, wide strings, RPC_UNICODE_STRING,
 * conformant(-varying) byte arrays, and the {@code [switch_is(Level)]} unions of pointers to info levels.
 */
public final class NdrTypes {

    private NdrTypes() {}

    /** A buffer sent empty for the server to fill: a string of {@code size} characters or an array of {@code size} bytes. */
    public record Room(int size) {}

    /** Pointer types as jcifs names them in {@code enc_ndr_referent}. */
    private static final int UNIQUE_PTR = 1;

    public static final NdrType U16 = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.enc_ndr_short(((Number) v).intValue());
        }

        @Override
        public Object decode(NdrBuffer buf) {
            return buf.dec_ndr_short() & 0xFFFF;
        }
    };

    /** A DWORD; decodes as an unsigned Long. */
    public static final NdrType U32 = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.enc_ndr_long(((Number) v).intValue());
        }

        @Override
        public Object decode(NdrBuffer buf) {
            return buf.dec_ndr_long() & 0xFFFFFFFFL;
        }
    };

    /** A hyper (aligned to 8). */
    public static final NdrType U64 = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.enc_ndr_hyper(((Number) v).longValue());
        }

        @Override
        public Object decode(NdrBuffer buf) {
            return buf.dec_ndr_hyper();
        }
    };

    /** FILETIME: two DWORDs (low, high), so aligned to 4, not 8; a Long. */
    public static final NdrType FILETIME = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            long t = ((Number) v).longValue();
            buf.enc_ndr_long((int) t);
            buf.enc_ndr_long((int) (t >>> 32));
        }

        @Override
        public Object decode(NdrBuffer buf) {
            long low = buf.dec_ndr_long() & 0xFFFFFFFFL;
            return low | (buf.dec_ndr_long() & 0xFFFFFFFFL) << 32;
        }
    };

    /** A WCHAR: one UTF-16 code unit (OpenLocalMachine's ServerName). */
    public static final NdrType WCHAR = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.enc_ndr_short((Character) v);
        }

        @Override
        public Object decode(NdrBuffer buf) {
            return (char) buf.dec_ndr_short();
        }
    };

    /** A context handle: 20 opaque bytes, aligned to 4. */
    public static final int HANDLE_SIZE = 20;
    public static final NdrType CONTEXT_HANDLE = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.align(4);
            buf.writeOctetArray((byte[]) v, 0, HANDLE_SIZE);
        }

        @Override
        public Object decode(NdrBuffer buf) {
            buf.align(4);
            byte[] h = new byte[HANDLE_SIZE];
            buf.readOctetArray(h, 0, HANDLE_SIZE);
            return h;
        }
    };

    /** {@code [string] wchar_t*} as a reference pointer: no referent on the wire, the string at once. */
    public static final NdrType REF_WSTR = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.enc_ndr_string((String) v);
        }

        @Override
        public Object decode(NdrBuffer buf) {
            return string(buf);
        }
    };

    /** {@code [string, unique] wchar_t*}: a referent, then the string right after it (top level, not deferred). */
    public static final NdrType UNIQUE_WSTR = unique(REF_WSTR);

    /** A unique pointer to {@code target} at the top level: the referent, then the pointee at once; null is NULL. */
    public static NdrType unique(NdrType target) {
        return new NdrType() {
            @Override
            public void encode(NdrBuffer buf, Object v) {
                buf.enc_ndr_referent(v, UNIQUE_PTR);
                if (v != null) {
                    target.encode(buf, v);
                }
            }

            @Override
            public Object decode(NdrBuffer buf) {
                return buf.dec_ndr_long() == 0 ? null : target.decode(buf);
            }
        };
    }

    /**
     * A pointer smbkit always sends NULL (BaseRegCreateKey's lpSecurityAttributes: the key inherits its
     * parent's); a non-NULL one in a reply is refused rather than misread.
     */
    public static final NdrType NULL_POINTER = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            if (v != null) {
                throw new IllegalArgumentException("this pointer is sent NULL only");
            }
            buf.enc_ndr_long(0);
        }

        @Override
        public Object decode(NdrBuffer buf) {
            if (buf.dec_ndr_long() != 0) {
                throw new MalformedReplyException("a pointer that must be NULL is set");
            }
            return null;
        }
    };

    /** A unique pointer to a DWORD, the commonest scalar pointer (resume handles, lpType, lpcbData). */
    public static final NdrType UNIQUE_U32 = unique(U32);

    /**
     * RPC_UNICODE_STRING passed by value at the top level: byte Length and MaximumLength (counting the NUL),
     * a pointer, and its conformant varying WCHAR array at once. Encodes a String, null (empty and NULL), or a
     * {@link Room} of characters for the server to fill; decodes to the String or null.
     */
    public static final NdrType RPC_UNICODE_STRING = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            buf.align(4);
            if (v instanceof Room room) {
                buf.enc_ndr_short(0);
                buf.enc_ndr_short(room.size() * 2);
                buf.enc_ndr_referent(room, UNIQUE_PTR);
                buf.enc_ndr_long(room.size());
                buf.enc_ndr_long(0);
                buf.enc_ndr_long(0);
                return;
            }
            String s = (String) v;
            int bytes = s == null ? 0 : (s.length() + 1) * 2;
            buf.enc_ndr_short(bytes);
            buf.enc_ndr_short(bytes);
            buf.enc_ndr_referent(s, UNIQUE_PTR);
            if (s != null) {
                buf.enc_ndr_string(s);
            }
        }

        @Override
        public Object decode(NdrBuffer buf) {
            buf.align(4);
            buf.dec_ndr_short();
            buf.dec_ndr_short();
            return buf.dec_ndr_long() == 0 ? null : string(buf);
        }
    };

    /**
     * {@code [size_is(n)] BYTE*} as a reference pointer at the top level: the count, then the bytes
     * (BaseRegSetValue's lpData). Decodes the same shape.
     */
    public static final NdrType CONFORMANT_BYTES = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            byte[] data = (byte[]) v;
            buf.enc_ndr_long(data.length);
            buf.writeOctetArray(data, 0, data.length);
        }

        @Override
        public Object decode(NdrBuffer buf) {
            long max = buf.dec_ndr_long() & 0xFFFFFFFFL;
            return readBytes(buf, max, "a byte array");
        }
    };

    /**
     * {@code [size_is(max), length_is(actual)] BYTE*}: max count, offset, actual count, the bytes. Encodes
     * a {@link Room} (an empty buffer of that size) or bytes (max = actual = their length).
     */
    public static final NdrType CONFORMANT_VARYING_BYTES = new NdrType() {
        @Override
        public void encode(NdrBuffer buf, Object v) {
            byte[] data = v instanceof Room ? null : (byte[]) v;
            buf.enc_ndr_long(v instanceof Room room ? room.size() : data.length);
            buf.enc_ndr_long(0);
            buf.enc_ndr_long(data == null ? 0 : data.length);
            if (data != null) {
                buf.writeOctetArray(data, 0, data.length);
            }
        }

        @Override
        public Object decode(NdrBuffer buf) {
            long max = buf.dec_ndr_long() & 0xFFFFFFFFL;
            long offset = buf.dec_ndr_long() & 0xFFFFFFFFL;
            long actual = buf.dec_ndr_long() & 0xFFFFFFFFL;
            if (offset != 0 || actual > max) {
                throw new MalformedReplyException("bad value data header (max " + max + ", offset " + offset
                        + ", actual " + actual + ")");
            }
            return readBytes(buf, actual, "value data");
        }
    };

    private static String string(NdrBuffer buf) {
        try {
            return buf.dec_ndr_string();
        } catch (NdrException e) {
            throw new MalformedReplyException(e.getMessage());
        }
    }

    private static byte[] readBytes(NdrBuffer buf, long count, String what) {
        if (buf instanceof BoundedNdrBuffer b) {
            b.requireElements(count, 1, what);
        }
        byte[] data = new byte[(int) count];
        buf.readOctetArray(data, 0, data.length);
        return data;
    }

    /**
     * A {@code [switch_is(Level)]} union of pointers to one info structure (NetrServerGetInfo's InfoStruct,
     * NetrShareAdd's and NetrShareGetInfo's): the discriminant, the arm's unique pointer, the structure.
     * Encodes an {@link NdrStruct} (its layout gives the level) or null; decodes to the structure or null for
     * a NULL arm.
     */
    public static NdrType infoUnion(Map<Integer, Layout> levels) {
        return new NdrType() {
            @Override
            public void encode(NdrBuffer buf, Object v) {
                NdrStruct info = (NdrStruct) v;
                buf.enc_ndr_long(info == null ? 0 : levelOf(levels, info.layout()));
                buf.enc_ndr_referent(info, UNIQUE_PTR);
                if (info != null) {
                    info.encode(buf);
                }
            }

            @Override
            public Object decode(NdrBuffer buf) {
                int tag = buf.dec_ndr_long();
                if (buf.dec_ndr_long() == 0) {
                    return null;
                }
                NdrStruct s = new NdrStruct(arm(levels, tag));
                decodeQuietly(s, buf);
                return s;
            }
        };
    }

    /** What an {@code *_ENUM_STRUCT} carries back: the level, whether the container pointer was set, the entries. */
    public record Enumeration(int level, boolean container, List<NdrStruct> entries) {}

    /**
     * MS-SRVS's {@code *_ENUM_STRUCT}: the level, then a {@code [switch_is(Level)]} union of pointers to a
     * container ({@link InfoContainer}). Encodes an Integer level with an empty container (a request) or an
     * {@link Enumeration} (a reply, as test servers send it); decodes an {@link Enumeration}.
     */
    public static NdrType enumStruct(Map<Integer, Layout> levels) {
        return new NdrType() {
            @Override
            public void encode(NdrBuffer buf, Object v) {
                Enumeration e = v instanceof Enumeration given ? given : new Enumeration((Integer) v, true, null);
                buf.enc_ndr_long(e.level());
                buf.enc_ndr_long(e.level()); // the union's discriminant
                InfoContainer c = e.container() ? new InfoContainer(levels.get(e.level()), e.entries()) : null;
                buf.enc_ndr_referent(c, UNIQUE_PTR);
                if (c != null) {
                    c.encode(buf);
                }
            }

            @Override
            public Object decode(NdrBuffer buf) {
                int level = buf.dec_ndr_long();
                int tag = buf.dec_ndr_long();
                if (level != tag) {
                    throw new MalformedReplyException("a reply with level " + level + " but union tag " + tag);
                }
                if (buf.dec_ndr_long() == 0) {
                    return new Enumeration(level, false, List.of());
                }
                InfoContainer c = new InfoContainer(arm(levels, level), null);
                decodeQuietly(c, buf);
                return new Enumeration(level, true, c.entries());
            }
        };
    }

    /** The layout a reply's level selects; a level the family lacks is malformed. */
    private static Layout arm(Map<Integer, Layout> levels, int level) {
        Layout layout = levels.get(level);
        if (layout == null) {
            throw new MalformedReplyException("a reply with unknown level " + level);
        }
        return layout;
    }

    static int levelOf(Map<Integer, Layout> levels, Layout layout) {
        for (Map.Entry<Integer, Layout> e : levels.entrySet()) {
            if (e.getValue().equals(layout)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(layout.name() + " is not one of the levels " + levels.keySet());
    }

    private static void decodeQuietly(jcifs.dcerpc.ndr.NdrObject o, NdrBuffer buf) {
        try {
            o.decode(buf);
        } catch (NdrException e) {
            throw new MalformedReplyException(e.getMessage());
        }
    }
}
