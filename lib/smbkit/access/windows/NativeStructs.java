package smbkit.access.windows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import smbkit.rpc.ndr.Layout;
import smbkit.rpc.ndr.NdrStruct;

/**
 * Info structures in native memory, read into the same {@link NdrStruct} the RPC path decodes into, so one
 * mapping (SrvsvcModels) serves both; and written, for NetShareAdd.
 */
public final class NativeStructs {

    private NativeStructs() {}

    /** Reads {@code count} structures laid out one after another from {@code base}. */
    public static List<NdrStruct> read(Pointer base, int count, Layout layout, SecurityDescriptorLength sdLength) {
        NativeLayout native_ = NativeLayout.of(layout, Native.POINTER_SIZE);
        List<NdrStruct> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(read(base.share((long) i * native_.size()), native_, sdLength));
        }
        return out;
    }

    static NdrStruct read(Pointer p, NativeLayout native_, SecurityDescriptorLength sdLength) {
        Layout layout = native_.layout();
        NdrStruct s = new NdrStruct(layout);
        for (int i = 0; i < layout.fields().size(); i++) {
            Layout.Field f = layout.fields().get(i);
            long at = native_.offsets().get(i);
            switch (f.kind()) {
                case U32 -> s.set(f.name(), p.getInt(at));
                case WSTR -> s.set(f.name(), utf16(p.getPointer(at)));
                case BLOB -> {
                    Pointer blob = p.getPointer(at);
                    if (blob != null) {
                        // shi502_reserved is documented as reserved, not as the length: the descriptor's own
                        // length (GetSecurityDescriptorLength) is authoritative; reserved only if that says 0
                        int own = sdLength.of(blob);
                        int length = own > 0 ? own : (int) s.u32(f.sizeField());
                        s.set(f.sizeField(), length);
                        s.set(f.name(), blob.getByteArray(0, length));
                    }
                }
            }
        }
        return s;
    }

    /** One structure in fresh native memory (strings and blobs beside it), kept alive by the returned memory. */
    public static Memory write(NdrStruct s) {
        Layout layout = s.layout();
        NativeLayout native_ = NativeLayout.of(layout, Native.POINTER_SIZE);
        Owning m = new Owning(native_.size());
        m.clear();
        List<Memory> keep = m.keep;
        for (int i = 0; i < layout.fields().size(); i++) {
            Layout.Field f = layout.fields().get(i);
            long at = native_.offsets().get(i);
            switch (f.kind()) {
                case U32 -> m.setInt(at, (int) s.u32(f.name()));
                case WSTR -> {
                    String v = s.str(f.name());
                    if (v != null) {
                        Memory str = utf16(v);
                        keep.add(str);
                        m.setPointer(at, str);
                    }
                }
                case BLOB -> {
                    byte[] v = s.blob(f.name());
                    if (v != null && v.length > 0) {
                        Memory blob = new Memory(v.length);
                        blob.write(0, v, 0, v.length);
                        keep.add(blob);
                        m.setPointer(at, blob);
                    }
                }
            }
        }
        return m;
    }

    /**
     * An LPWSTR: UTF-16LE up to its NUL, as Windows always lays it out (Pointer.getWideString would follow the
     * JVM's wchar_t, 4 bytes on Linux, where the tests fill memory as Windows does). Null for a NULL pointer.
     */
    public static String utf16(Pointer str) {
        if (str == null) {
            return null;
        }
        long units = 0;
        while (str.getShort(units * 2) != 0) {
            units++;
        }
        return new String(str.getByteArray(0, (int) (units * 2)), StandardCharsets.UTF_16LE);
    }

    /** A NUL-terminated UTF-16LE copy of {@code s} in fresh native memory. */
    public static Memory utf16(String s) {
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    /** Native memory that keeps the strings and blobs it points to from being freed before it. */
    static final class Owning extends Memory {
        final List<Memory> keep = new ArrayList<>();

        Owning(long size) {
            super(size);
        }
    }

    /** The length of a self-relative security descriptor (advapi32 GetSecurityDescriptorLength on Windows). */
    @FunctionalInterface
    public interface SecurityDescriptorLength {
        int of(Pointer descriptor);
    }
}
