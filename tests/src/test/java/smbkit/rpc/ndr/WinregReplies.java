package smbkit.rpc.ndr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jcifs.dcerpc.ndr.NdrBuffer;

/**
 * MS-RRP reply stubs written by hand from the specification's layouts, for the calls no captured vector
 * covers (BaseRegEnumKey, BaseRegEnumValue) and for servers that answer in ways the captures do not show.
 * Referent IDs are arbitrary non-zero numbers, as a server's are.
 */
public final class WinregReplies {

    private WinregReplies() {}

    private static NdrBuffer buffer() {
        return new NdrBuffer(new byte[64 * 1024], 0);
    }

    private static byte[] bytes(NdrBuffer buf) {
        return Arrays.copyOf(buf.buf, buf.getLength());
    }

    /** A reply that is a context handle and a status (OpenLocalMachine, BaseRegOpenKey, BaseRegCloseKey). */
    public static byte[] handle(int id, int status) {
        NdrBuffer buf = buffer();
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(id);
        buf.enc_ndr_long(id);
        buf.enc_ndr_long(id);
        buf.enc_ndr_long(id);
        buf.enc_ndr_long(status);
        return bytes(buf);
    }

    /** A reply that is only a status (BaseRegSetValue, BaseRegDeleteKey, BaseRegDeleteValue). */
    public static byte[] status(int status) {
        NdrBuffer buf = buffer();
        buf.enc_ndr_long(status);
        return bytes(buf);
    }

    /** BaseRegCreateKey: the new key's handle, the disposition, the status. */
    public static byte[] created(int id, int disposition, int status) {
        byte[] h = handle(id, 0);
        NdrBuffer buf = buffer();
        buf.writeOctetArray(h, 0, 20);
        buf.enc_ndr_long(0x20000);
        buf.enc_ndr_long(disposition);
        buf.enc_ndr_long(status);
        return bytes(buf);
    }

    /** An RPC_UNICODE_STRING with its characters right after it (a top-level [out] parameter); null: NULL buffer. */
    static void string(NdrBuffer buf, String s) {
        buf.align(4);
        if (s == null) {
            buf.enc_ndr_short(0);
            buf.enc_ndr_short(0);
            buf.enc_ndr_long(0);
            return;
        }
        int chars = s.length() + 1;
        buf.enc_ndr_short(chars * 2);
        buf.enc_ndr_short(chars * 2);
        buf.enc_ndr_long(0x20000);
        buf.enc_ndr_long(chars);
        buf.enc_ndr_long(0);
        buf.enc_ndr_long(chars);
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        buf.writeOctetArray(b, 0, b.length);
    }

    /** The value parameters QueryValue and EnumValue share; null data = a NULL lpData pointer. */
    static void value(NdrBuffer buf, int type, byte[] data, int size) {
        buf.align(4);
        buf.enc_ndr_long(0x20004);
        buf.enc_ndr_long(type);
        if (data == null) {
            buf.enc_ndr_long(0);
        } else {
            buf.enc_ndr_long(0x20008);
            buf.enc_ndr_long(data.length);
            buf.enc_ndr_long(0);
            buf.enc_ndr_long(data.length);
            buf.writeOctetArray(data, 0, data.length);
        }
        buf.align(4);
        buf.enc_ndr_long(0x2000c);
        buf.enc_ndr_long(size);
        buf.enc_ndr_long(0x20010);
        buf.enc_ndr_long(data == null ? 0 : data.length);
    }

    /** BaseRegQueryValue: type, data (null on ERROR_MORE_DATA), the size the server reports, status. */
    public static byte[] queryValue(int type, byte[] data, int size, int status) {
        NdrBuffer buf = buffer();
        value(buf, type, data, size);
        buf.enc_ndr_long(status);
        return bytes(buf);
    }

    /** BaseRegEnumKey: the subkey's name, an empty class, a last-write time, status. */
    public static byte[] enumKey(String name, int status) {
        NdrBuffer buf = buffer();
        string(buf, name);
        buf.align(4);
        buf.enc_ndr_long(0x20004); // lplpClassOut: a unique pointer to the class...
        string(buf, "");
        buf.align(4);
        buf.enc_ndr_long(0x20008); // lpftLastWriteTime
        buf.enc_ndr_long(0x5e0c1a00);
        buf.enc_ndr_long(0x01d9a1b2);
        buf.enc_ndr_long(status);
        return bytes(buf);
    }

    /** BaseRegEnumValue: the value's name and its value parameters, status. */
    public static byte[] enumValue(String name, int type, byte[] data, int size, int status) {
        NdrBuffer buf = buffer();
        string(buf, name);
        value(buf, type, data, size);
        buf.enc_ndr_long(status);
        return bytes(buf);
    }
}
