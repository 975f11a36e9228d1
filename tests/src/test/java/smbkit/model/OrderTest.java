package smbkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The order of names and addresses: numbers as numbers, case ignored, null last; the same as it always was. */
class OrderTest {

    @Test
    void addressesAndNamesInNaturalOrder() {
        List<String> names = new ArrayList<>(java.util.Arrays.asList("127.0.0.10", "ws10", null, "127.0.0.9", "WS2", "ws02", "127.0.4.1", "a0", "a000"));
        names.sort(Order.NAMES);
        assertEquals(java.util.Arrays.asList("127.0.0.9", "127.0.0.10", "127.0.4.1", "a0", "a000", "WS2", "ws02", "ws10", null), names);
    }

    /** The comparison as first written (a regular expression per run of digits), kept here as the reference. */
    static int reference(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
                continue;
            }
            int c = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
            if (c != 0) {
                return c;
            }
            i++;
            j++;
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    @Test
    void agreesWithTheReferenceOnRandomNames() {
        Random r = new Random(328459);
        String alphabet = "00012389aAbB.-\\\u0661\u0660";
        for (int n = 0; n < 200_000; n++) {
            String a = random(r, alphabet);
            String b = random(r, alphabet);
            if (n % 2 == 0) { // a shared prefix, as the paths of one share have
                String prefix = random(r, alphabet);
                a = prefix + a;
                b = prefix + b;
            }
            assertEquals(Integer.signum(reference(a, b)), Integer.signum(Order.compare(a, b)), a + " vs " + b);
        }
        assertTrue(Order.compare("x", "x") == 0);
    }

    private static String random(Random r, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(8); k > 0; k--) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
