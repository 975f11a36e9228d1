package smbkit.capture.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smbkit.Lab;
import smbkit.Proc;
import smbkit.Scripts;
import smbkit.capture.Synthetic;

/**
 * smb-capture --html: one self-contained file, rendered by headless Chromium (Debian's chromium) with no
 * network: per client its sessions on a timeline, the sessions' contexts, pipes and interfaces, the spoolss
 * handles held, and the findings.
 */
class CaptureHtmlTest {

    @TempDir
    Path tmp;

    static boolean chromium() {
        try {
            return Proc.run(Lab.REPO, "chromium", "--version").exit() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String dom(Path html, Path tmp) {
        Proc dom = Proc.run(Lab.REPO, java.util.Map.of(), 120, List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + tmp.resolve("chromium"), "--virtual-time-budget=5000", "--dump-dom",
                html.toUri().toString()));
        return dom.out();
    }

    /** Two clients: the KB's spooler (a held handle) and one whose NULL session closed its handle and logged off. */
    static byte[] twoClients() {
        Synthetic.Variant v = Synthetic.Variant.PCAP_US;
        List<Synthetic.Pkt> pkts = new ArrayList<>(Synthetic.tcp(v, "127.0.0.3", v.server(), Synthetic.kbMessages(false, false), 1460));
        pkts.addAll(Synthetic.tcp(v, "127.0.0.4", v.server(), Synthetic.kbMessages(true, true), 1460));
        return Synthetic.pcap(v, pkts);
    }

    @Test
    void theReportRendersPerClientTimelinesHandlesAndFindings() throws Exception {
        assumeTrue(chromium(), "Debian's chromium is not installed");
        Path cap = tmp.resolve("two.pcap");
        Files.write(cap, twoClients());
        Path html = tmp.resolve("report.html");
        Scripts.Result r = Scripts.run("ReadCapture", cap.toString(), "--html", html.toString());
        assertEquals(1, r.exit(), r.err());
        String file = Files.readString(html);
        assertFalse(file.contains("src=\"http") || file.contains("href=\"http"), "self-contained: nothing fetched");
        String dom = dom(html, tmp);
        assertTrue(dom.contains("data-clients=\"2\""), dom);
        assertTrue(dom.contains("data-timeline-bars=\"2\""), "one bar per session, drawn: " + dom);
        assertTrue(dom.contains("data-client=\"127.0.0.3\" data-sessions=\"1\""), dom);
        assertTrue(dom.contains("class=\"handles\" data-held=\"1\""), "127.0.0.3 holds its handle: " + dom);
        assertTrue(dom.contains("class=\"handles\" data-held=\"0\""), "127.0.0.4 closed its own: " + dom);
        assertTrue(dom.contains("class=\"finding action\" data-kind=\"permanent_null_sessions\""), dom);
        assertTrue(dom.contains("Method 2 on 127.0.0.3"), dom);
        assertTrue(dom.contains("data-kind=\"temporary_null_sessions\""), dom);
        assertTrue(dom.contains("\\PIPE\\spoolss"), dom);
        assertTrue(dom.contains("RpcOpenPrinterEx") && dom.contains("RpcClosePrinter"), dom);
        assertTrue(dom.contains("class=\"session anonymous open\""), "the held session reaches the end: " + dom);
    }

    @Test
    void aReportThatCannotBeWrittenIsExit21AfterTheOutput() throws Exception {
        Path cap = tmp.resolve("kb.pcap");
        Files.write(cap, Synthetic.kbScenario(Synthetic.Variant.PCAP_US));
        Files.createDirectory(tmp.resolve("adir"));
        Scripts.Result r = Scripts.run("ReadCapture", cap.toString(), "--html", tmp.resolve("adir").toString());
        assertEquals(21, r.exit(), r.err());
        assertTrue(r.out().contains("Method 2 on 127.0.0.3"), r.out());
    }
}
