package smbkit.rpc.winreg;

import java.nio.charset.StandardCharsets;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.rpc.ndr.BoundedNdrBuffer;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * MS-RRP's own wire shapes, each written once: the 20-byte context handle, RRP_UNICODE_STRING (byte lengths
 * that count the NUL, then a conformant varying array of WCHAR) and the conformant varying byte arrays of
 * value data.
 */
final class WinregNdr {

    private WinregNdr() {}

    static final int HANDLE_SIZE = 20;

    static void handle(NdrBuffer buf, byte[] handle) {
        buf.align(4);
        buf.writeOctetArray(handle, 0, HANDLE_SIZE);
    }

    static byte[] handle(NdrBuffer buf) {
        buf.align(4);
        byte[] h = new byte[HANDLE_SIZE];
        buf.readOctetArray(h, 0, HANDLE_SIZE);
        return h;
    }

    /** An RRP_UNICODE_STRING passed by value at the top level: its buffer follows it at once. Null = empty and NULL. */
    static void string(NdrBuffer buf, String s) {
        buf.align(4);
        if (s == null) {
            buf.enc_ndr_short(0);
            buf.enc_ndr_short(0);
            buf.enc_ndr_long(0);
            return;
        }
        int bytes = (s.length() + 1) * 2;
        buf.enc_ndr_short(bytes);
        buf.enc_ndr_short(bytes);
        buf.enc_ndr_referent(s, 1);
        buf.enc_ndr_string(s);
    }

    /** An empty RRP_UNICODE_STRING with room for {@code chars} characters, for the server to fill (EnumKey, EnumValue). */
    static void emptyString(NdrBuffer buf, int chars) {
        buf.align(4);
        buf.enc_ndr_short(0);
        buf.enc_ndr_short(chars * 2);
        buf.enc_ndr_referent(buf, 1);
        buf.enc_ndr_long(chars);
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(0);
    }

    /** A context handle an ERROR_SUCCESS reply returns: all zeros is the NULL handle, never an open key. */
    static void requireOpen(byte[] handle, int status, String call) {
        if (status != Winreg.ERROR_SUCCESS) {
            return;
        }
        for (byte b : handle) {
            if (b != 0) {
                return;
            }
        }
        throw new MalformedReplyException(call + " returned ERROR_SUCCESS with a NULL (all-zero) handle");
    }

    /**
     * The value an ERROR_SUCCESS reply returns: a type, and for REG_DWORD and REG_QWORD data of their size
     * (a DWORD of no bytes would read as nothing, or as some other number).
     */
    static void requireValue(Value v, int status, String call) {
        if (status != Winreg.ERROR_SUCCESS) {
            return;
        }
        if (v.type() == null) {
            throw new MalformedReplyException(call + " returned ERROR_SUCCESS without the value's type");
        }
        int size = v.data() == null ? 0 : v.data().length;
        int want = v.type() == 4 || v.type() == 5 ? 4 : v.type() == 11 ? 8 : -1;
        if (want >= 0 && size != want) {
            throw new MalformedReplyException(call + " returned a value of type " + v.type() + " with " + size
                    + " bytes of data (it takes " + want + ")");
        }
    }

    static String readString(NdrBuffer buf) throws NdrException {
        buf.align(4);
        buf.dec_ndr_short();
        buf.dec_ndr_short();
        return buf.dec_ndr_long() == 0 ? null : buf.dec_ndr_string();
    }

    /** A unique pointer to a DWORD: the referent, then the value. */
    static void dword(NdrBuffer buf, Integer value) {
        buf.enc_ndr_referent(value, 1);
        if (value != null) {
            buf.enc_ndr_long(value);
        }
    }

    static Long readDword(NdrBuffer buf) {
        return buf.dec_ndr_long() == 0 ? null : buf.dec_ndr_long() & 0xFFFFFFFFL;
    }

    /** A unique pointer to a conformant varying byte array of {@code size} with {@code data} in it (none: empty). */
    static void bytes(NdrBuffer buf, int size, byte[] data) {
        buf.enc_ndr_referent(buf, 1);
        buf.enc_ndr_long(size);
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(data == null ? 0 : data.length);
        if (data != null) {
            buf.writeOctetArray(data, 0, data.length);
        }
    }

    static byte[] readBytes(NdrBuffer buf) {
        if (buf.dec_ndr_long() == 0) {
            return null;
        }
        long max = buf.dec_ndr_long() & 0xFFFFFFFFL;
        long offset = buf.dec_ndr_long() & 0xFFFFFFFFL;
        long actual = buf.dec_ndr_long() & 0xFFFFFFFFL;
        if (offset != 0 || actual > max) {
            throw new MalformedReplyException("bad value data header (max " + max + ", offset " + offset + ", actual " + actual + ")");
        }
        if (buf instanceof BoundedNdrBuffer b) {
            b.requireElements(actual, 1, "value data");
        }
        byte[] data = new byte[(int) actual];
        buf.readOctetArray(data, 0, data.length);
        return data;
    }

    static String utf16(byte[] b) {
        return new String(b, StandardCharsets.UTF_16LE);
    }

    /**
     * The value out-parameters QueryValue and EnumValue share: lpType, lpData (an empty buffer of {@code size}
     * bytes for the server to fill), lpcbData, lpcbLen.
     */
    static void valueParams(NdrBuffer buf, int size) {
        buf.align(4);
        dword(buf, 0);
        bytes(buf, size, null);
        buf.align(4);
        dword(buf, size);
        dword(buf, 0);
    }

    /** What the server put in them: the type, the data, and the size the value needs. */
    record Value(Long type, byte[] data, Long needed) {}

    static Value readValueParams(NdrBuffer buf) {
        buf.align(4);
        Long type = readDword(buf);
        byte[] data = readBytes(buf);
        buf.align(4);
        Long needed = readDword(buf);
        readDword(buf); // lpcbLen
        return new Value(type, data, needed);
    }
}
