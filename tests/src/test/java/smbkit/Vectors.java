package smbkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

/**
 * The NDR test vectors of ../shared/vectors (copied into test resources): stub bytes captured from Windows,
 * or encoded by impacket where no capture exists, with impacket's MANIFEST.json (values, referent and pad
 * offsets). See vectors/INDEX.md for where each came from.
 */
public final class Vectors {

    private Vectors() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> manifest() {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/impacket/MANIFEST.json")) {
            return (List<Map<String, Object>>) (List<?>) JSON.std.listFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest entry of an impacket vector ("impacket/srvsvc-....hex"). */
    public static Map<String, Object> entry(String name) {
        return manifest().stream().filter(m -> name.equals(m.get("file"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no manifest entry for " + name));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> values(String name) {
        return (Map<String, Object>) entry(name).get("values");
    }

    /**
     * Asserts that our encoding equals the vector byte for byte, except the 4-byte referent IDs and the
     * pad bytes the manifest lists: NDR leaves both to the encoder.
     */
    @SuppressWarnings("unchecked")
    public static void assertSameStub(String name, byte[] ours) {
        Map<String, Object> e = entry(name);
        List<Integer> referents = ((List<Object>) e.get("referent_offsets")).stream()
                .map(o -> ((Number) o).intValue()).toList();
        List<String> pads = ((List<Object>) e.get("pad_offsets")).stream().map(Object::toString).toList();
        assertSameStub(name, ours, referents, pads);
    }

    /** The same for a captured vector, whose referent and pad offsets the test names ("50-51"). */
    public static void assertSameStub(String name, byte[] ours, List<Integer> referents, List<String> pads) {
        byte[] theirs = bytes(name);
        boolean[] free = new boolean[Math.max(theirs.length, ours.length)];
        for (int at : referents) {
            for (int i = at; i < at + 4 && i < free.length; i++) {
                free[i] = true;
            }
        }
        for (String p : pads) {
            String[] range = p.split("-");
            int from = Integer.parseInt(range[0]);
            int to = Integer.parseInt(range[range.length - 1]);
            for (int i = from; i <= to && i < free.length; i++) {
                free[i] = true;
            }
        }
        if (theirs.length != ours.length) {
            fail(name + ": " + ours.length + " bytes encoded, vector has " + theirs.length + "\nours:   "
                    + HexFormat.of().formatHex(ours) + "\ntheirs: " + HexFormat.of().formatHex(theirs));
        }
        List<Integer> diffs = new ArrayList<>();
        for (int i = 0; i < theirs.length; i++) {
            if (!free[i] && theirs[i] != ours[i]) {
                diffs.add(i);
            }
        }
        if (!diffs.isEmpty()) {
            fail(name + ": bytes differ at offsets " + diffs + "\nours:   " + HexFormat.of().formatHex(ours)
                    + "\ntheirs: " + HexFormat.of().formatHex(theirs));
        }
    }

    /**
     * Asserts decoded entries carry the values the manifest states, field by field (numbers as unsigned
     * 32-bit values); manifest fields our layout does not have (impacket's SDDL rendering "sd") are skipped.
     */
    public static void assertSameEntries(List<Map<String, Object>> expected, List<smbkit.rpc.ndr.NdrStruct> actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.size(), actual.size(), "entries");
        for (int i = 0; i < expected.size(); i++) {
            smbkit.rpc.ndr.NdrStruct got = actual.get(i);
            for (Map.Entry<String, Object> f : expected.get(i).entrySet()) {
                if (!got.has(f.getKey())) {
                    continue;
                }
                Object want = f.getValue() instanceof Number n ? (Object) n.longValue() : f.getValue();
                Object have = f.getValue() instanceof Number ? (Object) got.u32(f.getKey()) : got.str(f.getKey());
                org.junit.jupiter.api.Assertions.assertEquals(want, have, "entry " + i + " field " + f.getKey());
            }
        }
    }
}
