package smbkit.access.windows;

import java.util.ArrayList;
import java.util.List;

import smbkit.rpc.ndr.Layout;

/**
 * Where each field of an info structure sits in memory as netapi32 returns it: the same {@link Layout}s the
 * RPC path uses (so each structure is written once), laid out with C's natural alignment: a DWORD on 4 bytes,
 * a pointer (LPWSTR, PSECURITY_DESCRIPTOR) on the pointer size, the whole padded to its widest member.
 */
public record NativeLayout(Layout layout, List<Integer> offsets, int size) {

    public static NativeLayout of(Layout layout, int pointerSize) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        int widest = 4;
        for (Layout.Field f : layout.fields()) {
            int width = f.kind() == Layout.Kind.U32 ? 4 : pointerSize;
            widest = Math.max(widest, width);
            at = align(at, width);
            offsets.add(at);
            at += width;
        }
        return new NativeLayout(layout, List.copyOf(offsets), align(at, widest));
    }

    public int offset(String field) {
        int i = layout.indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException(layout.name() + " has no field " + field);
        }
        return offsets.get(i);
    }

    static int align(int at, int to) {
        return (at + to - 1) / to * to;
    }
}
