package smbkit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import smbkit.Lab;

/**
 * The layers depend one way: a file under lib/ or scripts/ refers (by import, static import or a fully
 * qualified name in code) only to its own layer or lower ones, and every package has a layer (a file under
 * scripts/ is layer 8 whatever its package). There is no exception list: a new package is placed in
 * {@link #layerOf} or this test fails.
 */
class LayersTest {

    static final String[] NAMES = {"base", "protocols", "access", "kb", "change", "orchestration",
            "render and storage", "cli", "scripts"};

    /** The layer of a type named by its package and simple (outer) class name, or -1 when unknown. */
    static int layerOf(String pkg, String cls) {
        if (pkg.equals("smbkit")) {
            return switch (cls) {
                case "Failure", "SmbkitException", "SmbKit" -> 0;
                case "Runbook" -> 7;
                default -> -1;
            };
        }
        if (pkg.equals("smbkit.io") || pkg.equals("smbkit.model")) {
            return 0;
        }
        if (within(pkg, "smbkit.rpc") || pkg.equals("smbkit.netbios") || pkg.equals("smbkit.capture.pcap")
                || pkg.equals("smbkit.capture.net") || pkg.equals("smbkit.capture.smb")
                || pkg.equals("smbkit.capture.dcerpc")) {
            return 1;
        }
        if (within(pkg, "smbkit.access")) {
            return 2;
        }
        return switch (pkg) {
            case "smbkit.kb" -> 3;
            case "smbkit.change" -> 4;
            case "smbkit.scan", "smbkit.capture" -> 5;
            case "smbkit.render", "smbkit.store", "smbkit.capture.report" -> 6;
            case "smbkit.cli", "smbkit.run" -> 7;
            default -> -1;
        };
    }

    static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    /** A qualified name starting at smbkit: lower-case segments (the package), then a type. */
    static final Pattern REFERENCE = Pattern.compile("(?<![\\w.])smbkit((?:\\s*\\.\\s*[a-z_]\\w*)*)(?:\\s*\\.\\s*([A-Z]\\w*|\\*))?");

    @Test
    void everyReferencePointsToTheSameOrALowerLayer() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("lib", "scripts")) {
            try (Stream<Path> walk = Files.walk(Lab.REPO.resolve(dir))) {
                walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
            }
        }
        for (Path file : files) {
            String name = Lab.REPO.relativize(file).toString();
            String code = codeOnly(Files.readString(file));
            Matcher p = PACKAGE.matcher(code);
            boolean declared = p.find();
            String pkg = declared ? p.group(1) : "";
            int pkgFrom = declared ? p.start(1) : -1;
            int pkgTo = declared ? p.end(1) : -1;
            String cls = file.getFileName().toString().replaceFirst("\\.java$", "");
            int own = name.startsWith("scripts/") ? 8 : layerOf(pkg, cls);
            if (own < 0) {
                violations.add(name + ": package " + pkg + (pkg.equals("smbkit") ? " class " + cls : "")
                        + " has no layer; place it in LayersTest.layerOf");
                continue;
            }
            Matcher r = REFERENCE.matcher(code);
            while (r.find()) {
                if (pkgFrom <= r.start() && r.start() < pkgTo) {
                    continue; // the package declaration itself
                }
                String target = ("smbkit" + r.group(1)).replaceAll("\\s", "");
                String type = r.group(2) == null ? "" : r.group(2);
                if (target.equals("smbkit") && type.isEmpty()) {
                    continue; // a variable or method named smbkit
                }
                int layer = layerOf(target, type.equals("*") ? "" : type);
                if (layer < 0 && target.equals("smbkit") && type.equals("*")) {
                    layer = 7; // smbkit.* brings in the highest root class
                }
                int line = lineOf(code, r.start());
                String what = target + (type.isEmpty() ? "" : "." + type);
                if (layer < 0) {
                    violations.add(name + ":" + line + ": " + what + " is in no layer; place it in LayersTest.layerOf");
                } else if (layer > own) {
                    violations.add(name + ":" + line + ": layer " + own + " (" + NAMES[own] + ", " + (pkg.isEmpty() ? "default package" : pkg)
                            + ") uses " + what + ", layer " + layer + " (" + NAMES[layer] + ")");
                }
            }
        }
        assertEquals("", String.join("\n", violations), violations.size() + " references point up or nowhere");
    }

    /** Test packages that test no one lib class: the lab and script helpers, end to end, fuzz, the repository. */
    static final Set<String> TEST_INFRASTRUCTURE = Set.of("smbkit", "smbkit.lab", "smbkit.fuzz", "smbkit.repo");

    /**
     * The tests mirror the lib: each test package is a lib package or one of {@link #TEST_INFRASTRUCTURE}, and
     * a test named after a lib class (FooTest for Foo) lives in Foo's package.
     */
    @Test
    void theTestsMirrorTheLib() throws IOException {
        Map<String, List<String>> libClasses = new TreeMap<>();
        Set<String> libPackages = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(Lab.REPO.resolve("lib"))) {
            for (Path p : walk.filter(x -> x.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(p);
                libPackages.add(pkg);
                libClasses.computeIfAbsent(p.getFileName().toString().replaceFirst("\\.java$", ""), k -> new ArrayList<>()).add(pkg);
            }
        }
        List<String> wrong = new ArrayList<>();
        Path tests = Lab.REPO.resolve("tests/src/test/java");
        try (Stream<Path> walk = Files.walk(tests)) {
            for (Path p : walk.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                String pkg = packageOf(p);
                String name = tests.relativize(p).toString();
                if (!libPackages.contains(pkg) && !TEST_INFRASTRUCTURE.contains(pkg)) {
                    wrong.add(name + ": package " + pkg + " is no lib package; move it to the package of the class it tests");
                    continue;
                }
                String cls = p.getFileName().toString().replaceFirst("\\.java$", "");
                List<String> tested = cls.endsWith("Test") ? libClasses.get(cls.substring(0, cls.length() - 4)) : null;
                if (tested != null && tested.size() == 1 && !tested.get(0).equals(pkg)) {
                    wrong.add(name + ": tests " + tested.get(0) + "." + cls.substring(0, cls.length() - 4) + ", so it belongs in "
                            + tested.get(0));
                }
            }
        }
        assertEquals("", String.join("\n", wrong), wrong.size() + " tests outside their class's package");
    }

    static String packageOf(Path file) throws IOException {
        Matcher p = PACKAGE.matcher(codeOnly(Files.readString(file)));
        return p.find() ? p.group(1) : "";
    }

    @Test
    void theCheckSeesEveryKindOfReference() {
        String code = codeOnly("""
                package smbkit.model;
                import smbkit.kb.A; // smbkit.render.B
                import static smbkit.change.C.x;
                /* smbkit.cli.D */ class E { String s = "smbkit.run.F"; Object o = smbkit.access.G.H; }
                """);
        List<String> seen = new ArrayList<>();
        Matcher r = REFERENCE.matcher(code);
        while (r.find()) {
            seen.add(r.group(1).replaceAll("\\s", "") + "." + r.group(2) + "@" + lineOf(code, r.start()));
        }
        assertEquals(List.of(".model.null@1", ".kb.A@2", ".change.C@3", ".access.G@4"), seen);
        assertEquals(-1, layerOf("smbkit.brandnew", "X"));
        assertEquals(-1, layerOf("smbkit", "Brandnew"));
    }

    static int lineOf(String code, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The source with comments, string, text block and char literals blanked, line breaks kept. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(src, i, end, out);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 3);
                blank(src, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 1);
                blank(src, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static void blank(String src, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
