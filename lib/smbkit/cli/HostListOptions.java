package smbkit.cli;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * The hosts of a multi-host step, resolved in one place: the HOSTs given (names, addresses, ranges), then
 * {@code --hosts-file}. A new source of hosts is added here, and every multi-host step has it.
 */
public class HostListOptions {

    @Option(names = "--hosts-file", paramLabel = "FILE", description = "More hosts, one a line (# comments).")
    Path hostsFile;

    /** Every host of the run, in order, each once; empty when none is named (local mode). */
    public List<String> hosts(TargetOptions target) {
        return Hosts.collect(target.hosts(), hostsFile);
    }

    /** Whether any source besides the HOST arguments was given (a restore takes the hosts its backups name). */
    public boolean givenBeyondArguments() {
        return hostsFile != null;
    }
}
