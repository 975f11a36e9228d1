package smbkit.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.scan.Workgroup;

/**
 * How a workgroup's computers are found over NetBIOS, declared once for smb-workgroup and for the multi-host steps
 * ({@link HostListOptions}): {@code --master}/{@code --wins} (else a broadcast for WORKGROUP&lt;1D&gt;) or
 * {@code --sweep RANGE} (node status to every address), {@code --name-timeout}, and the hidden {@code --name-port}.
 * A session listing's client names ({@link NamesOptions}) have a port of their own, {@code --names-port}: a step
 * may have both, and picocli refuses one name twice.
 */
public class NetbiosOptions implements Cli.Checked {

    @Option(names = "--master", paramLabel = "HOST",
            description = "Ask this master browser (its address or name) for the workgroup's browse list rather than broadcast.")
    public String master;

    @Option(names = "--wins", paramLabel = "HOST", description = "Ask this WINS server for the master browser and the computers' addresses.")
    public String wins;

    @Option(names = "--sweep", paramLabel = "RANGE", description = "Every computer answering a NetBIOS node status query in RANGE "
            + "(10.0.0.1-40, 10.0.0.0/24; at most " + Workgroup.MAX_SWEEP + " addresses) instead of a browse list, for workgroups without a browser.")
    public String sweep;

    @Option(names = "--name-timeout", paramLabel = "MS", defaultValue = "1500", converter = Converters.Positive.class,
            description = "Wait this long for each NetBIOS answer, once retried (default: ${DEFAULT-VALUE} ms).")
    public int nameTimeoutMs;

    @Option(names = "--name-port", paramLabel = "PORT", hidden = true, defaultValue = "137", converter = Converters.Positive.class,
            description = "The NetBIOS name service's UDP port (tests).")
    public int namePort;

    /** Before anything is asked: a sweep asks every address itself, so it takes no --master or --wins; its range is valid. */
    @Override
    public void check() {
        if (sweep != null && askedServer()) {
            throw new SmbkitException(Failure.USAGE, "--sweep asks every address itself: it takes no --master or --wins",
                    "Give either --sweep RANGE or the workgroup with --master/--wins");
        }
        if (sweep != null) {
            range();
        }
    }

    /** Whether --master or --wins names a server to ask. */
    public boolean askedServer() {
        return master != null || wins != null;
    }

    /** The addresses of --sweep (a USAGE failure for a bad or too large range); call only when {@link #sweep} is given. */
    public List<String> range() {
        return Hosts.expand(sweep.strip());
    }

    /**
     * The discovery's options: these, {@code parallel} queries at a time, the browse list and shares read anonymously,
     * each SMB reply awaited {@code timeoutSeconds} (the connect at most 5 s of it); {@code notes}: where notes go (null: none).
     */
    public Workgroup.Options options(int parallel, boolean shares, int timeoutSeconds, Consumer<String> notes) {
        SmbConnection.Options connection = SmbConnection.Options.defaults()
                .withTimeouts(Duration.ofSeconds(Math.min(timeoutSeconds, 5)), Duration.ofSeconds(timeoutSeconds)).withNotes(notes);
        return new Workgroup.Options(master, wins, Duration.ofMillis(nameTimeoutMs), namePort, parallel, shares,
                Credentials.anonymous(), connection, notes);
    }

    /** The computers of a --sweep (only {@code workgroup}'s when given), else of {@code workgroup}'s browse list. */
    public Workgroup.Result find(String workgroup, Workgroup.Options o, IntConsumer progress) {
        return sweep != null ? Workgroup.sweep(range(), workgroup, o, progress) : Workgroup.browse(workgroup, o);
    }
}
