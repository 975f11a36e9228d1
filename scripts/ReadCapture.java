///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's Network Monitor step: which client opened which SMB sessions, as whom, and what they did on \PIPE\spoolss, from a capture.

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import smbkit.Failure;
import smbkit.capture.CaptureAnalysis;
import smbkit.capture.report.CaptureReport;
import smbkit.capture.report.CaptureView;
import smbkit.cli.Cli;
import smbkit.cli.OutputOptions;
import smbkit.cli.VerbosityOptions;
import smbkit.kb.Finding;

@Command(name = "read-capture", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Reads network captures (pcap or pcapng, as tcpdump, dumpcap, Wireshark or pktmon write them) "
                + "and tells, per client, every SMB session it opened: when, for how long, under what security "
                + "context (user, domain, workstation, or anonymous), the trees, pipes and RPC interfaces it used, and "
                + "the spoolss printer handles it opened and whether it closed them. Then the findings in the KB's "
                + "terms: NULL sessions held by the print spooler (Method 2 on that client), permanent and temporary "
                + "NULL sessions, a client under several security contexts."},
        footer = {"", "Exit: 0 nothing to act on, 1 findings call for action, 3 a file was cut short or damaged (what "
                + "was before the damage is reported), 19 not a capture file, 21 a file cannot be read.",
                "", "Examples:",
                "  tcpdump -i any -w smb.pcap port 445 or port 139     (then:)",
                "  smb-capture smb.pcap",
                "  smb-capture smb.pcap --client 10.0.0.7 --format json"})
public class ReadCapture implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap or pcapng files, read as one capture in this order.")
    List<Path> files;

    @Option(names = "--client", paramLabel = "ADDR", description = "Only the sessions of this client address.")
    String client;

    @Option(names = "--server", paramLabel = "ADDR", description = "Only the sessions to this server address.")
    String server;

    @Mixin
    OutputOptions output;

    @Mixin
    VerbosityOptions verbosity;

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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CaptureReport report = CaptureAnalysis.analyse(files, c, s);
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
        if (verbosity.verbose) {
            err.println(spec.name() + ": " + report.frames + " frames, " + report.tcpSegments + " TCP segments, "
                    + report.connections + " SMB connections, " + report.sessions.size() + " sessions");
        }
        err.flush();
        if (report.partial()) {
            return Failure.PARTIAL.exitCode();
        }
        return report.findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ACTION)
                ? Failure.ACTION_NEEDED.exitCode() : 0;
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new ReadCapture(), args));
    }
}
