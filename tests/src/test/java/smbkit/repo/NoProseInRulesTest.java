package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import smbkit.Lab;

/**
 * The rules return data and render says it in words: no string literal of three words or more in
 * {@code lib/smbkit/kb/**} or in the capture's root package ({@code lib/smbkit/capture/*.java}), comments and
 * javadoc aside. A name ({@code "\\PIPE\\spoolss"}), a key or a two-word label is fine; so is an error
 * message (a literal in the arguments of a {@code new ...Exception(}, for the one-line error handler) and a
 * pattern matched against what another program said (the argument of {@code contains}, {@code startsWith},
 * {@code endsWith}, {@code equals}, {@code matches}, {@code indexOf}).
 */
class NoProseInRulesTest {

    static final int WORDS = 3;

    @Test
    void kbAndTheCaptureAnalysisBuildNoProse() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : files()) {
            String code = Files.readString(f);
            for (Literal l : literals(code)) {
                if (prose(code, l)) {
                    found.add(Lab.REPO.relativize(f) + ":" + line(code, l.at) + ": \"" + l.text + "\"");
                }
            }
        }
        assertEquals(List.of(), found, "prose in the rules: make it facts of a finding (kb.Finding) and its words render's");
    }

    @Test
    void theScannerSeesProseAndSkipsCommentsNamesAndErrors() {
        String code = """
                /** "a javadoc sentence of words" */
                class X {
                    // "a line comment of words"
                    String a = "\\\\PIPE\\\\spoolss";
                    String b = "two words";
                    String c = "an \\"escaped\\" sentence here";
                    String d = /* "in a block comment" */ "x";
                    void f() { throw new SmbkitException(Failure.USAGE, "an error for the handler " + a); }
                    char q = '"';
                    boolean g = line.contains("no such device here");
                    String e = "three words here";
                }
                """;
        List<String> prose = literals(code).stream().filter(l -> prose(code, l)).map(l -> l.text).toList();
        assertEquals(List.of("an \\\"escaped\\\" sentence here", "three words here"), prose);
    }

    static boolean prose(String code, Literal l) {
        return words(l.text) >= WORDS && !inErrorMessage(code, l.at) && !PATTERN.matcher(code.substring(Math.max(0, l.at - 20), l.at)).find();
    }

    static final Pattern PATTERN = Pattern.compile("\\.(contains|startsWith|endsWith|equals|equalsIgnoreCase|matches|indexOf)\\(\\s*$");

    static List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> kb = Files.walk(Lab.REPO.resolve("lib/smbkit/kb"))) {
            kb.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
        }
        try (Stream<Path> capture = Files.list(Lab.REPO.resolve("lib/smbkit/capture"))) {
            capture.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
        }
        return out;
    }

    record Literal(String text, int at) {}

    /** The string literals and text blocks of Java source, outside comments and char literals. */
    static List<Literal> literals(String s) {
        List<Literal> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i);
                i = i < 0 ? s.length() : i;
            } else if (s.startsWith("/*", i)) {
                int e = s.indexOf("*/", i + 2);
                i = e < 0 ? s.length() : e + 2;
            } else if (c == '\'') {
                i = s.charAt(i + 1) == '\\' ? s.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (s.startsWith("\"\"\"", i)) {
                int e = s.indexOf("\"\"\"", i + 3);
                out.add(new Literal(s.substring(i + 3, e), i));
                i = e + 3;
            } else if (c == '"') {
                int j = i + 1;
                while (s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(s.substring(i + 1, j), i));
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    static int words(String text) {
        int n = 0;
        for (String w : text.strip().split("\\s+")) {
            if (w.chars().anyMatch(Character::isLetter)) {
                n++;
            }
        }
        return n;
    }

    static final Pattern EXCEPTION = Pattern.compile("new \\w*Exception\\(");

    /** Inside the arguments of {@code new ...Exception(...)}: an error message for the one-line handler. */
    static boolean inErrorMessage(String code, int at) {
        Matcher m = EXCEPTION.matcher(code.substring(0, at));
        int start = -1;
        while (m.find()) {
            start = m.end() - 1;
        }
        if (start < 0) {
            return false;
        }
        int depth = 0;
        for (int i = start; i < at; i++) {
            char c = code.charAt(i);
            if (c == '"') {
                int j = i + 1;
                while (code.charAt(j) != '"') {
                    j += code.charAt(j) == '\\' ? 2 : 1;
                }
                i = j;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return false;
            }
        }
        return depth > 0;
    }

    static int line(String code, int at) {
        return (int) code.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
