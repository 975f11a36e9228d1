package smbkit.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import smbkit.SmbkitException;
import smbkit.access.ServerAccess;
import smbkit.kb.ClientActivity;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.Sample;
import smbkit.model.Connection;
import smbkit.model.OpenFile;
import smbkit.model.ServerInfo;
import smbkit.model.Share;

/**
 * What a step reads from a server beyond one call, written once for the scripts and the runbook calls alike:
 * connections per share, the join per client, NULL sessions over samples. No Tablesaw here: the scripts use it.
 */
public final class Steps {

    private Steps() {}

    /** Told after each sample (a progress bar), with the number taken so far. */
    public interface Sampled {
        void taken(int n, Sample s);
    }

    /** NetrConnectionEnum per share: IPC$ first (where NULL sessions connect), then every other share; a share refused is left out. */
    public static Map<String, List<Connection>> connectionsPerShare(ServerAccess server, List<Share> shares, Consumer<String> verbose) {
        Map<String, List<Connection>> byShare = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(List.of("IPC$"));
        shares.stream().map(Share::name).filter(n -> !n.equalsIgnoreCase("IPC$")).forEach(names::add);
        for (String share : names) {
            try {
                byShare.put(share, server.connections(share));
            } catch (SmbkitException e) {
                if (verbose != null) {
                    verbose.accept("connections to " + share + ": " + e.oneLine());
                }
            }
        }
        return byShare;
    }

    /** Sessions, open files and (real) connections joined per client, as smb-open-pipes --view clients shows them. */
    public static List<ClientActivity> clients(ServerAccess server, Consumer<String> verbose) {
        List<Share> shares = server.shares();
        boolean reliable = server.connectionsAreReliable();
        List<Connection> all = new ArrayList<>();
        if (reliable) {
            connectionsPerShare(server, shares, verbose).values().forEach(all::addAll);
        }
        return ClientActivity.join(server.sessions(null, null).sessions(), server.openFiles(null, null), all);
    }

    /** The session listing {@code samples} times, {@code intervalSeconds} apart. */
    public static List<Sample> sample(ServerAccess server, int samples, int intervalSeconds, Sampled progress) {
        List<Sample> taken = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            if (i > 0) {
                sleep(intervalSeconds);
            }
            List<smbkit.model.Session> listed = server.sessions(null, null).sessions();
            Sample s = new Sample(Instant.now(), listed); // the time of the answer: the active times are the server's then
            taken.add(s);
            if (progress != null) {
                progress.taken(taken.size(), s);
            }
        }
        return taken;
    }

    /** The NULL sessions per client across the samples, with what they hold (open files are a bonus). */
    public static List<NullClient> nullClients(ServerAccess server, List<Sample> taken) {
        ServerInfo info = server.serverInfoOrNull();
        List<OpenFile> files;
        try {
            files = server.openFiles(null, null);
        } catch (SmbkitException e) {
            files = List.of();
        }
        return NullSessionAnalysis.analyse(taken, files, info == null || !info.isSamba());
    }

    private static void sleep(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmbkitException(smbkit.Failure.NETWORK, "interrupted while waiting between samples", null, e);
        }
    }
}
