package smbkit.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import smbkit.rpc.Target;

/**
 * Option values checked as picocli reads them, the same in every script: a bad one is a usage error (exit 2)
 * before anything connects. Use with {@code @Option(converter = Converters.Positive.class)}.
 */
public final class Converters {

    private Converters() {}

    /** 1 or more: counts, timeouts, parallelism. */
    public static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value);
            if (n < 1) {
                throw new TypeConversionException("'" + value + "' is not a number of 1 or more");
            }
            return n;
        }
    }

    /** 0 or more: intervals. */
    public static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value);
            if (n < 0) {
                throw new TypeConversionException("'" + value + "' is not a number of 0 or more");
            }
            return n;
        }
    }

    /** The KB's RestrictAnonymous levels: 0, 1 or 2. */
    public static final class RestrictLevel implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (!value.strip().matches("[012]")) {
                throw new TypeConversionException("'" + value + "' is not a RestrictAnonymous level: give 0, 1 or 2");
            }
            return Integer.parseInt(value.strip());
        }
    }

    /** An address of this machine to connect from: an IPv4 or IPv6 literal, never a name to look up. */
    public static final class Address implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String v = value.strip();
            String bare = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
            if (!Target.isIpv4(bare) && !Target.isIpv6(bare)) {
                throw new TypeConversionException("'" + Target.shown(value) + "' is not an IP address (e.g. 127.0.0.42 or ::1)");
            }
            return bare;
        }
    }

    /**
     * A client computer or user name as a filter: a computer name, DNS name or address (up to 255 characters)
     * or a user name (Windows allows 256 with its domain): longer is a typo, and would not fit an SMB request.
     */
    public static final class Name implements ITypeConverter<String> {
        static final int MAX = 256;

        @Override
        public String convert(String value) {
            if (value.length() > MAX) {
                throw new TypeConversionException("a name of " + value.length() + " characters is longer than " + MAX);
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw new TypeConversionException("'" + Target.shown(value.replaceAll("\\p{Cntrl}", "?"))
                        + "' holds control characters");
            }
            return value;
        }
    }

    static int integer(String value) {
        String v = value.strip();
        if (!v.matches("-?[0-9]{1,9}")) {
            throw new TypeConversionException("'" + Target.shown(value) + "' is not a whole number"
                    + (v.matches("-?[0-9]+") ? " this program can use (too large)" : ""));
        }
        return Integer.parseInt(v);
    }
}
