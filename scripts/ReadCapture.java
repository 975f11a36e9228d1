///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//JAVA_OPTIONS -Xms32m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40
//DESCRIPTION KB 328459's Network Monitor step: which client opened which SMB sessions, as whom, and what they did on \PIPE\spoolss, from a capture.

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import smbkit.Failure;
import smbkit.capture.CaptureAnalysis;
import smbkit.capture.CaptureReport;
import smbkit.capture.LiveCapture;
import smbkit.capture.report.CaptureHtml;
import smbkit.capture.report.CaptureView;
import smbkit.cli.Cli;
import smbkit.cli.Script;
import smbkit.cli.OutputOptions;

@Command(name = "smb-capture", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Reads network captures (pcap or pcapng, as tcpdump, dumpcap, Wireshark or pktmon write them) "
                + "and tells, per client, every SMB session it opened: when, for how long, under what security "
                + "context (user, domain, workstation, or anonymous), the trees, pipes and RPC interfaces it used, and "
                + "the spoolss printer handles it opened and whether it closed them. Then the findings in the KB's "
                + "terms: NULL sessions held by the print spooler (Method 2 on that client), permanent and temporary "
                + "NULL sessions, a client under several security contexts."},
        footer = {"", "Exit: 0 nothing to act on, 1 findings call for action, 3 a file was cut short or damaged (what "
                + "was before the damage is reported), 19 not a capture file, 21 a file cannot be read or written; "
                + "--live: 15 capturing not permitted, 17 no such interface, 18 neither dumpcap nor tcpdump installed.",
                "", "Examples:",
                "  tcpdump -i any -w smb.pcap port 445 or port 139     (then:)",
                "  smb-capture smb.pcap",
                "  smb-capture smb.pcap --client 10.0.0.7 --format json",
                "  smb-capture --live eth0 --seconds 120 --html smb.html"})
public class ReadCapture extends Script {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "pcap or pcapng files, read as one capture in this order.")
    List<Path> files = new java.util.ArrayList<>();

    @Option(names = "--live", paramLabel = "IFACE", description = "Capture on this interface (lo, eth0, any) with dumpcap or "
            + "tcpdump, whichever is installed, TCP ports 445 and 139 (and --port), then read what was captured.")
    String live;

    @Option(names = "--seconds", paramLabel = "N", description = "How long --live captures (default 60, at most 86400).")
    Integer seconds;

    @Option(names = "--save", paramLabel = "FILE", description = "Keep the --live capture in FILE (new, readable by this "
            + "user only); without it the capture is removed once read.")
    Path write;

    /** The old spelling of --save. */
    @Option(names = "--write", paramLabel = "FILE", hidden = true)
    void write(Path file) {
        write = file;
    }

    @Option(names = "--port", paramLabel = "PORT", description = "SMB servers on this TCP port too (445 and 139 always); repeatable.")
    List<Integer> ports = new java.util.ArrayList<>();

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report: per client, the "
            + "sessions on a timeline, their security contexts, pipes, interfaces, spoolss handles, and the findings.")
    Path html;

    @Option(names = "--client", paramLabel = "ADDR", description = "Only the sessions of this client address.")
    String client;

    @Option(names = "--server", paramLabel = "ADDR", description = "Only the sessions to this server address.")
    String server;

    @Mixin
    OutputOptions output;

    static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** An address as the report writes it (IPv6 in RFC 5952 form); a name is refused: a capture holds addresses. */
    String address(String option, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (V4.matcher(v).matches()) {
            return v;
        }
        if (v.contains(":")) {
            try {
                InetAddress a = InetAddress.getByName(v.startsWith("[") ? v.substring(1, v.length() - 1) : v);
                return smbkit.capture.net.Addresses.text(a.getAddress());
            } catch (UnknownHostException | RuntimeException e) {
                // fall through to the usage error
            }
        }
        throw new ParameterException(spec.commandLine(), option + " " + value
                + ": give an IPv4 or IPv6 address, as the capture shows it");
    }

    @Override
    public Integer call() {
        String c = address("--client", client);
        String s = address("--server", server);
        java.util.Set<Integer> morePorts = new java.util.TreeSet<>();
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new ParameterException(spec.commandLine(), "--port " + p + ": give a TCP port, 1 to 65535");
            }
            morePorts.add(p);
        }
        if (live == null && files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give capture files, or --live IFACE to capture now");
        }
        if (live != null && !files.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give capture files or --live IFACE, not both");
        }
        if (live == null && (seconds != null || write != null)) {
            throw new ParameterException(spec.commandLine(), (seconds != null ? "--seconds" : "--save") + " goes with --live IFACE");
        }
        int duration = seconds == null ? 60 : seconds;
        if (live != null && (duration < 1 || duration > LiveCapture.MAX_SECONDS)) {
            throw new ParameterException(spec.commandLine(), "--seconds " + duration + ": give 1 to " + LiveCapture.MAX_SECONDS);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureReport report;
        if (live != null) {
            LiveCapture.Tool tool = LiveCapture.tool(System.getenv());
            java.util.Set<Integer> all = new java.util.TreeSet<>(morePorts);
            all.add(139);
            all.add(445);
            err.println(spec.name() + ": capturing on " + live + " with " + tool.name() + " for " + duration + " s (TCP ports "
                    + all.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")");
            err.flush();
            LiveCapture.Result captured = LiveCapture.run(tool, live, duration, morePorts, write);
            try {
                report = CaptureAnalysis.analyse(List.of(captured.file()), c, s, morePorts);
            } finally {
                if (captured.temporary()) {
                    LiveCapture.deleteQuietly(captured.file());
                }
            }
            if (write != null) {
                err.println(spec.name() + ": the capture is in " + captured.file());
            }
        } else {
            verbosity.say("reading " + files.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", ")));
            long total = files.stream().mapToLong(ReadCapture::sizeOrZero).sum();
            try (smbkit.cli.Progress bar = progress("Reading", Math.max(1, total >> 20), "MiB")) {
                report = CaptureAnalysis.analyse(files, c, s, morePorts, read -> bar.stepTo(read >> 20));
            }
        }
        try (report) {
            CaptureView.print(report, output.format, out);
            if (output.format != smbkit.render.Format.table) {
                for (String n : report.failedFiles) {
                    err.println(spec.name() + ": " + n);
                }
                for (CaptureReport.FileSummary f : report.files) {
                    if (f.damage != null) {
                        err.println(spec.name() + ": " + f.path + ": " + f.damage + ": what came before it is reported");
                    }
                }
            }
            if (verbosity.verbose()) {
                err.println(spec.name() + ": " + report.frames + " frames, " + report.tcpSegments + " TCP segments, "
                        + report.connections + " SMB connections (at most " + report.peakConnections + " at once, "
                        + report.connectionsEvicted + " evicted), " + report.sessions.size() + " sessions ("
                        + report.sessions.spilled() + " spilled to disk)");
            }
            err.flush();
            out.flush(); // the report is out before a file that cannot be written ends the run (exit 21)
            if (html != null) {
                writeReport(html, CaptureHtml.render(report));
            }
            if (report.partial()) {
                return Failure.PARTIAL.exitCode();
            }
            return report.findings.actionNeeded() ? Failure.ACTION_NEEDED.exitCode() : 0;
        }
    }

    /** A file's size for the progress bar; one that cannot be read is reported by the analysis itself. */
    private static long sizeOrZero(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException | SecurityException e) {
            return 0;
        }
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new ReadCapture(), args));
    }
}
