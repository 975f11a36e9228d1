package smbkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.Computer;
import smbkit.scan.Workgroup;

/**
 * The hosts of a multi-host step, resolved in one place: the HOSTs given (names, addresses, ranges), then
 * {@code --hosts-file}, then the computers of {@code --workgroup NAME} (its browse list, as smb-workgroup reads
 * it: anonymously, from {@code --master}/{@code --wins} or a broadcast) or of {@code --sweep RANGE} (NetBIOS node
 * status). A new source of hosts is added here, and every multi-host step has it.
 */
public class HostListOptions implements Cli.Checked {

    @Option(names = "--hosts-file", paramLabel = "FILE", description = "More hosts, one a line (# comments).")
    Path hostsFile;

    @Option(names = "--workgroup", paramLabel = "NAME", converter = Converters.Name.class,
            description = "More hosts: every computer of this workgroup's browse list (as smb-workgroup lists it, anonymously); "
                    + "with --sweep, only the computers of this workgroup.")
    String workgroup;

    @Mixin
    public NetbiosOptions netbios;

    /** Before anything is asked: --master and --wins go with --workgroup, and not with --sweep. */
    @Override
    public void check() {
        netbios.check();
        if (netbios.askedServer() && workgroup == null) {
            throw new SmbkitException(Failure.USAGE, (netbios.master != null ? "--master" : "--wins") + " goes with --workgroup NAME",
                    "Add --workgroup NAME (the workgroup whose browse list to read)");
        }
    }

    /** Every host of the run, in order, each once; empty when none is named (local mode). */
    public List<String> hosts(TargetOptions target) {
        return hosts(target, members(target, false, null));
    }

    /** The hosts given, then {@code members} (by address, else by name: one that has none is a host that fails). */
    public List<String> hosts(TargetOptions target, List<Computer> members) {
        Set<String> out = new LinkedHashSet<>(Hosts.collect(target.hosts(), hostsFile));
        for (Computer c : members) {
            out.add(host(c));
        }
        return new ArrayList<>(out);
    }

    /** How a run names a member: its address, else its NetBIOS name. */
    public static String host(Computer c) {
        return c.address() != null ? c.address() : c.name();
    }

    /** Whether a workgroup or a sweep names hosts. */
    public boolean fromWorkgroup() {
        return workgroup != null || netbios.sweep != null;
    }

    private List<Computer> members;

    /**
     * The computers of --workgroup or --sweep (none without them), found once per run, anonymously as smb-workgroup
     * does; {@code shares}: their printer shares read too (RAP NetShareEnum). A workgroup with no master browser,
     * UDP 137 silent, a master refusing SMB1 are smb-workgroup's one line and exit code; a browse list or sweep that
     * names no computer is {@link Failure#NOT_FOUND} (never local mode by accident).
     */
    public List<Computer> members(TargetOptions target, boolean shares, Consumer<String> notes) {
        if (members != null) {
            return members;
        }
        if (!fromWorkgroup()) {
            return members = List.of();
        }
        Workgroup.Result r = netbios.find(workgroup, netbios.options(64, shares, target.timeout.seconds(), notes), null);
        if (r.computers().isEmpty()) {
            throw new SmbkitException(Failure.NOT_FOUND, netbios.sweep != null
                    ? "no computer" + (workgroup != null ? " of " + workgroup : "") + " answered in " + netbios.sweep
                    : "the browse list of " + r.workgroup() + " (master browser " + r.master() + ") names no computer",
                    netbios.sweep != null ? "Check the range and the workgroup's name" : "Run again in a minute (a new master fills its list within 12 minutes), or use --sweep RANGE");
        }
        return members = r.computers();
    }

    /** Whether any source besides the HOST arguments was given (a restore takes the hosts its backups name). */
    public boolean givenBeyondArguments() {
        return hostsFile != null || fromWorkgroup();
    }
}
