package smbkit.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jcifs.util.Encdec;

/** Mutations of a reply stub: bit flips, interesting values, count pairs, truncations, splices, inserts. */
final class Mutator {

    static final String[] STRATEGIES = {"bitflip", "byte", "int32", "count-pair", "truncate", "splice", "insert-delete", "int16", "stacked"};

    private final Random random;

    Mutator(Random random) {
        this.random = random;
    }

    static int[] interesting(int length) {
        return new int[] {0, 1, 2, 3, 4, 7, 8, 16, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
                0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFFE, length, length / 2, length - 1, length + 1, 124, 234, 259};
    }

    /** One mutation of {@code seed} by the strategy numbered {@code s}; {@code others} feed splices. */
    byte[] mutate(int s, byte[] seed, List<byte[]> others) {
        byte[] b = seed.clone();
        if (b.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int[] values = interesting(b.length);
        switch (s) {
            case 0 -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    int bit = random.nextInt(b.length * 8);
                    b[bit / 8] ^= (byte) (1 << (bit % 8));
                }
            }
            case 1 -> b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            case 2 -> {
                if (b.length >= 4) {
                    Encdec.enc_uint32le(values[random.nextInt(values.length)], b, 4 * random.nextInt(b.length / 4));
                }
            }
            case 3 -> {
                // two 32-bit words that agree (EntriesRead and the array's count, a size and its max) changed together
                int words = b.length / 4;
                for (int tries = 0; tries < 16 && words > 1; tries++) {
                    int i = random.nextInt(words);
                    int j = random.nextInt(words);
                    if (i != j && Encdec.dec_uint32le(b, 4 * i) == Encdec.dec_uint32le(b, 4 * j)) {
                        int v = random.nextBoolean() ? values[random.nextInt(values.length)]
                                : Encdec.dec_uint32le(b, 4 * i) + random.nextInt(5) - 2;
                        Encdec.enc_uint32le(v, b, 4 * i);
                        Encdec.enc_uint32le(v, b, 4 * j);
                        break;
                    }
                }
            }
            case 4 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 5 -> {
                byte[] other = others.get(random.nextInt(others.size()));
                int cut = random.nextInt(b.length + 1);
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                byte[] out = Arrays.copyOf(b, cut + other.length - from);
                System.arraycopy(other, from, out, cut, other.length - from);
                b = out;
            }
            case 6 -> {
                int at = random.nextInt(b.length);
                int n = 1 + random.nextInt(8);
                if (random.nextBoolean()) {
                    byte[] out = new byte[b.length + n];
                    System.arraycopy(b, 0, out, 0, at);
                    for (int i = 0; i < n; i++) {
                        out[at + i] = (byte) random.nextInt(256);
                    }
                    System.arraycopy(b, at, out, at + n, b.length - at);
                    b = out;
                } else {
                    n = Math.min(n, b.length - at);
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, b.length - at - n);
                    b = out;
                }
            }
            case 7 -> {
                if (b.length >= 2) {
                    Encdec.enc_uint16le((short) values[random.nextInt(values.length)], b, 2 * random.nextInt(b.length / 2));
                }
            }
            default -> {
                for (int n = 2 + random.nextInt(3); n > 0; n--) {
                    b = mutate(random.nextInt(STRATEGIES.length - 1), b, others);
                }
            }
        }
        return b;
    }
}
