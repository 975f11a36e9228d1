///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459, net view / nbtstat -A: a workgroup's computers, their NetBIOS names and its print queue servers.

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.Hosts;
import smbkit.cli.OutputOptions;
import smbkit.cli.Progress;
import smbkit.cli.Script;
import smbkit.netbios.NameService;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.render.WorkgroupView;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.scan.Workgroup;

@Command(name = "smb-workgroup", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"Lists a workgroup's computers as 'net view' and 'nbtstat -A' show them (KB 328459): finds its "
                + "master browser (a NetBIOS name query for WORKGROUP<1D>), reads its browse list (RAP NetServerEnum2 "
                + "over SMB1, anonymously) with each computer's server type bits, OS version and comment, then each "
                + "computer's NetBIOS names and MAC (node status) and the printer shares of those that announce a "
                + "print queue (RAP NetShareEnum). --sweep RANGE asks every address of a range instead, for workgroups "
                + "without a browser (SMB1 disabled, Windows 10 and later)."},
        footer = {"", "Examples:",
                "  smb-workgroup                          # WORKGROUP, its master found by broadcast",
                "  smb-workgroup LABWG --master 127.0.2.1",
                "  smb-workgroup OFFICE --wins 10.0.0.2 --format json",
                "  smb-workgroup --sweep 10.0.0.0/24"})
public class ListWorkgroup extends Script {

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "WORKGROUP", converter = Converters.Name.class,
            description = "The workgroup (default: WORKGROUP; with --sweep, only its computers are listed when given).")
    String workgroup;

    @Option(names = "--master", paramLabel = "HOST", description = "Ask this master browser (its address or name) rather than broadcast.")
    String master;

    @Option(names = "--wins", paramLabel = "HOST", description = "Ask this WINS server for the master browser and the computers' addresses.")
    String wins;

    @Option(names = "--sweep", paramLabel = "RANGE", description = "Node status of every address of RANGE (10.0.0.1-40, 10.0.0.0/24; at most "
            + Workgroup.MAX_SWEEP + " addresses) instead of a browse list.")
    String sweep;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "64", converter = Converters.Positive.class,
            description = "At most N NetBIOS queries outstanding at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--name-timeout", paramLabel = "MS", defaultValue = "1500", converter = Converters.Positive.class,
            description = "Wait this long for each NetBIOS answer, once retried (default: ${DEFAULT-VALUE} ms).")
    int nameTimeoutMs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", converter = Converters.Positive.class,
            description = "Give up on an SMB server that does not answer within this time (default: ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Option(names = "--no-shares", description = "Do not read the printer shares (NetShareEnum) of print queue servers.")
    boolean noShares;

    @Option(names = "--name-port", paramLabel = "PORT", hidden = true, defaultValue = "137", converter = Converters.Positive.class,
            description = "The NetBIOS name service's UDP port (tests).")
    int namePort;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (sweep != null && (master != null || wins != null)) {
            throw new smbkit.SmbkitException(smbkit.Failure.USAGE, "--sweep asks every address itself: it takes no --master or --wins",
                    "Give either --sweep RANGE or --master/--wins");
        }
        SmbConnection.Options connection = SmbConnection.Options.defaults()
                .withTimeouts(Duration.ofSeconds(Math.min(timeoutSeconds, 5)), Duration.ofSeconds(timeoutSeconds))
                .withNotes(verbosity.verbose() ? this::note : null);
        Workgroup.Options o = new Workgroup.Options(master, wins, Duration.ofMillis(nameTimeoutMs), namePort, parallel, !noShares,
                Credentials.anonymous(), connection, verbosity.verbose() ? this::note : null);
        Workgroup.Result r;
        if (sweep != null) {
            List<String> range = Hosts.expand(sweep);
            try (Progress bar = progress("Node status", range.size(), "addresses")) {
                r = Workgroup.sweep(range, workgroup, o, bar::stepTo);
            }
        } else {
            verbosity.say("asking for the browse list of " + (workgroup == null ? "WORKGROUP" : workgroup));
            r = Workgroup.browse(workgroup == null ? "WORKGROUP" : workgroup, o);
        }
        Renderer.print(WorkgroupView.table(r.computers()), output.format, out);
        if (output.format == Format.table) {
            WorkgroupView.summary(r).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new ListWorkgroup(), args));
    }
}
