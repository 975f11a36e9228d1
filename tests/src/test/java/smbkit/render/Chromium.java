package smbkit.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import smbkit.Lab;
import smbkit.Proc;

/**
 * Debian's chromium, headless and with no network: a report's DOM once its scripts ran, and a screenshot.
 * {@link #domAfter} runs a test's script in the page after the report's own (typing into a filter, say), on a
 * copy of the file.
 */
final class Chromium {

    private Chromium() {}

    static boolean installed() {
        try {
            return Proc.run(Lab.REPO, "sh", "-c", "command -v chromium").exit() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> base(Path dir) {
        return new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=5000"));
    }

    static String dom(Path html) {
        List<String> cmd = base(html.getParent());
        cmd.addAll(List.of("--dump-dom", html.toUri().toString()));
        return Proc.run(html.getParent(), Map.of(), 120, cmd).out();
    }

    /** The DOM after {@code script} ran at the end of the page (it may set data-* attributes for the test). */
    static String domAfter(Path html, String script) throws IOException {
        String page = Files.readString(html);
        int end = page.lastIndexOf("</body>");
        Path copy = html.resolveSibling("scripted-" + html.getFileName());
        Files.writeString(copy, page.substring(0, end) + "<script>\n" + script + "\n</script>\n" + page.substring(end));
        return dom(copy);
    }

    /** A screenshot of the page, {@code width} by {@code height}; its size in bytes. */
    static long screenshot(Path html, Path png, int width, int height) throws IOException {
        List<String> cmd = base(html.getParent());
        cmd.addAll(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png, html.toUri().toString()));
        Proc.run(html.getParent(), Map.of(), 120, cmd);
        return Files.exists(png) ? Files.size(png) : 0;
    }

    /** Types {@code text} into the filter above the {@code n}th sortable table and counts its rows still shown. */
    static String filterScript(int n, String text) {
        return "const t = document.querySelectorAll('table.sortable')[" + n + "];\n"
                + "const f = t.previousElementSibling; f.value = '" + text + "';\n"
                + "f.dispatchEvent(new Event('input'));\n"
                + "const rows = Array.from(t.querySelectorAll('tr')).slice(1);\n"
                + "document.body.dataset.rowsTotal = rows.length;\n"
                + "document.body.dataset.rowsShown = rows.filter(r => r.offsetParent !== null).length;\n";
    }
}
