///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459, net view / nbtstat -A: a workgroup's computers, their NetBIOS names and its print queue servers.

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.NetbiosOptions;
import smbkit.cli.OutputOptions;
import smbkit.cli.Progress;
import smbkit.cli.Script;
import smbkit.cli.TimeoutOption;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.render.WorkgroupView;
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

    @Mixin
    NetbiosOptions netbios;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "64", converter = Converters.Positive.class,
            description = "At most N NetBIOS queries outstanding at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    TimeoutOption timeout;

    @Option(names = "--no-shares", description = "Do not read the printer shares (NetShareEnum) of print queue servers.")
    boolean noShares;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Workgroup.Options o = netbios.options(parallel, !noShares, timeout.seconds(), verbosity.verbose() ? this::note : null);
        Workgroup.Result r;
        if (netbios.sweep != null) {
            try (Progress bar = progress("Node status", netbios.range().size(), "addresses")) {
                r = netbios.find(workgroup, o, bar::stepTo);
            }
        } else {
            verbosity.say("asking for the browse list of " + (workgroup == null ? "WORKGROUP" : workgroup));
            r = netbios.find(workgroup == null ? "WORKGROUP" : workgroup, o, null);
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
