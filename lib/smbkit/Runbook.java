package smbkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import smbkit.access.RemoteServer;
import smbkit.access.ServerAccess;
import smbkit.cli.AuthFile;
import smbkit.kb.HostDiagnosis;
import smbkit.kb.Sample;
import smbkit.render.DiagnosisView;
import smbkit.render.NullSessionsView;
import smbkit.render.OpenPipesViews;
import smbkit.render.SessionsView;
import smbkit.render.TableData;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;
import smbkit.run.Changes;
import smbkit.run.RunbookCredentials;
import smbkit.run.Steps;
import smbkit.run.Tables;
import smbkit.scan.SnapshotCollector;
import tech.tablesaw.api.Table;

/**
 * smbkit for runbooks (smb-shell, interactive or a {@code .jsh} file run unattended): every step as a call
 * returning a Tablesaw {@link Table} whose column names are the step's JSON field names. Several hosts give
 * one table with a {@code host} column; a host that fails gives a row in {@link #failures()} instead of an
 * exception, so a runbook goes on. Nothing is printed unless asked ({@link #show}), so calls compose:
 *
 * <pre>
 * sessions("fs1", "fs2").where(t -&gt; t.stringColumn("kind").isEqualTo("null")).countBy("client")
 * show(findings("10.0.0.5"))
 * var plan = removePrinterShares("10.0.0.7");   // what would be removed: nothing changes
 * show(apply(plan));                            // now: a backup per host first, as the script writes it
 * exit(failures().rowCount() &gt; 0 ? 3 : 0)
 * </pre>
 *
 * Credentials come from smb-shell's {@code -A FILE}, {@link #auth(String)} (an smbclient-style file), the
 * environment ({@link smbkit.cli.EnvCredentials}) or a prompt on a terminal, never from a literal in a runbook.
 */
public final class Runbook {

    private Runbook() {}

    private static SmbConnection.Options options = SmbConnection.Options.defaults();
    private static List<String> args = List.of();
    private static Table failures = newFailures();
    /** Plans the change calls returned, until applied: apply(plan) acts on these only. */
    private static final Map<Table, Changes.Plan> PLANS = Collections.synchronizedMap(new IdentityHashMap<>());

    // ---- set-up -------------------------------------------------------------------------------------

    /** Log on with an smbclient-style authentication file from now on. */
    public static void auth(String authFile) {
        RunbookCredentials.use(AuthFile.read(Path.of(authFile)));
    }

    /** Connect from this local address from now on (the lab's 127.0.0.x). */
    public static void from(String localAddress) {
        options = options.withLocalAddress(localAddress);
    }

    /** The arguments after the runbook file on smb-shell's command line (hosts, say). */
    public static List<String> args() {
        return args;
    }

    /** Set by smb-shell. */
    public static void arguments(List<String> a) {
        args = List.copyOf(a);
    }

    private static int port = Target.SMB_PORT;

    /** Reach hosts that name no port on this one from now on (smb-shell --port; a lab on its own port). */
    public static void port(int p) {
        if (p < 1 || p > 65535) {
            throw new SmbkitException(Failure.USAGE, "port " + p + " is not 1 to 65535", null);
        }
        port = p;
    }

    /** A server to call the lib on directly; close it when done (try-with-resources). */
    public static ServerAccess server(String host) {
        Target t = Target.parse(host.strip());
        if (port != Target.SMB_PORT && t.port() == Target.SMB_PORT && !host.strip().endsWith(":" + Target.SMB_PORT)) {
            t = new Target(t.host(), port);
        }
        return RemoteServer.connect(t, credentials(), options);
    }

    // ---- the steps, as tables -------------------------------------------------------------------

    /** smb-sessions: every session of each host (client, user, kind, opens, active_s, ...), by client then user. */
    public static Table sessions(String... hosts) {
        return perHost("sessions", hosts, SessionsView.table(List.of()),
                s -> SessionsView.table(s.sessions(null, null).sessions()));
    }

    /** smb-null-sessions, one sample: per client, its NULL sessions now, permanent and young, what they hold. */
    public static Table nullSessions(String... hosts) {
        return nullSessions(1, 0, hosts);
    }

    /** smb-null-sessions --samples N --interval S: temporary NULL sessions told from permanent ones. */
    public static Table nullSessions(int samples, int intervalSeconds, String... hosts) {
        if (samples < 1 || intervalSeconds < 0) {
            throw new SmbkitException(Failure.USAGE, "nullSessions: " + samples + " samples every " + intervalSeconds + " s",
                    "Give at least one sample and an interval of 0 s or more");
        }
        return perHost("nullSessions", hosts, NullSessionsView.table(List.of()), s -> {
            List<Sample> taken = Steps.sample(s, samples, intervalSeconds, null);
            return NullSessionsView.table(Steps.nullClients(s, taken));
        });
    }

    /** smb-open-pipes --view files: open files and named pipes, spoolss flagged. */
    public static Table openFiles(String... hosts) {
        return perHost("openFiles", hosts, OpenPipesViews.files(List.of()), s -> OpenPipesViews.files(s.openFiles(null, null)));
    }

    /** smb-open-pipes --view connections: connections per share (Samba's placeholder data counted, not shown). */
    public static Table connections(String... hosts) {
        return perHost("connections", hosts, OpenPipesViews.connections(Map.of(), true),
                s -> OpenPipesViews.connections(Steps.connectionsPerShare(s, s.shares(), null), s.connectionsAreReliable()));
    }

    /** smb-open-pipes --view shares: shares with printers marked. */
    public static Table shares(String... hosts) {
        return perHost("shares", hosts, OpenPipesViews.shares(List.of()), s -> OpenPipesViews.shares(s.shares()));
    }

    /** smb-open-pipes --view clients: sessions, files, pipes and connections joined per client. */
    public static Table clients(String... hosts) {
        return perHost("clients", hosts, OpenPipesViews.clients(List.of()), s -> OpenPipesViews.clients(Steps.clients(s, null)));
    }

    /**
     * smb-workgroup: the computers of a workgroup's browse list (name, address, workgroup, type_flags, types,
     * print_queue_server, printer_shares, os_version, comment, names, mac, ...), its master found by broadcast.
     */
    public static Table workgroup(String name) {
        return workgroup(name, null);
    }

    /** smb-workgroup NAME --master MASTER: the browse list of that master browser. A failure is a row of failures(). */
    public static Table workgroup(String name, String master) {
        if (name == null || name.isBlank() || name.strip().length() > 15) {
            throw new SmbkitException(Failure.USAGE, "workgroup(): '" + name + "' is not a workgroup name",
                    "Give the workgroup's NetBIOS name (1 to 15 characters): workgroup(\"WORKGROUP\")");
        }
        smbkit.rpc.SmbConnection.Options connection = smbkit.rpc.SmbConnection.Options.defaults();
        smbkit.scan.Workgroup.Options o = new smbkit.scan.Workgroup.Options(master, null, java.time.Duration.ofMillis(1500),
                smbkit.netbios.NameService.PORT, 64, true, smbkit.rpc.Credentials.anonymous(), connection, null);
        TableData shape = smbkit.render.WorkgroupView.table(List.of());
        try {
            return Tables.of(smbkit.render.WorkgroupView.table(smbkit.scan.Workgroup.browse(name.strip(), o).computers()));
        } catch (SmbkitException e) {
            fail("workgroup", master == null ? name : master, e);
        } catch (RuntimeException e) {
            fail("workgroup", master == null ? name : master, smbkit.rpc.SmbErrors.classify(e));
        }
        return Tables.empty(shape, false);
    }

    /** smb-diagnose: the findings of each host (severity, area, kind, finding, command, evidence, ...). */
    public static Table findings(String... hosts) {
        return findings(diagnosed("findings", hosts));
    }

    /** The findings of diagnoses already made ({@link #diagnose}): one scan, several tables. */
    public static Table findings(List<HostDiagnosis> diagnoses) {
        return Tables.of(DiagnosisView.findings(diagnoses));
    }

    /** smb-diagnose over several hosts: the ranking by load (sessions, limit, load, null_sessions, actions). */
    public static Table ranking(String... hosts) {
        return ranking(diagnosed("ranking", hosts));
    }

    public static Table ranking(List<HostDiagnosis> diagnoses) {
        return Tables.of(DiagnosisView.ranking(diagnoses));
    }

    /** smb-diagnose of each host, kept for {@link #findings(List)}, {@link #ranking(List)} and {@link #report}. */
    public static List<HostDiagnosis> diagnose(String... hosts) {
        return diagnosed("diagnose", hosts);
    }

    /** smb-diagnose list form: hosts from a list (args(), say). */
    public static List<HostDiagnosis> diagnose(List<String> hosts) {
        return diagnose(hosts.toArray(String[]::new));
    }

    /** smb-diagnose --html FILE: the report a person reads first, written whole, readable by you only. */
    public static Path report(List<HostDiagnosis> diagnoses, String file) {
        return smbkit.io.SafeFiles.replace(Path.of(file), smbkit.render.HtmlReport.render(diagnoses));
    }

    private static List<HostDiagnosis> diagnosed(String call, String... hosts) {
        checkHosts(call, hosts);
        List<HostDiagnosis> out = new ArrayList<>();
        for (String host : hosts) {
            try (ServerAccess s = server(host)) {
                out.add(HostDiagnosis.of(SnapshotCollector.collect(s)));
            } catch (SmbkitException e) {
                fail(call, host, e);
            } catch (RuntimeException e) {
                fail(call, host, smbkit.rpc.SmbErrors.classify(e));
            }
        }
        return out;
    }

    /**
     * smb-capture: every SMB session in the capture files (read together, as smb-capture reads them), one row
     * each with smb-capture's JSON field names (client, server, session_id, dialect, start, duration_s,
     * end_reason, context, workstation, trees, pipes, interfaces, spoolss_handles, ...): its CSV as a table. A
     * file that cannot be read is a row of {@link #failures()} (its path as the host) and the others are read.
     */
    public static Table capture(String... files) {
        if (files == null || files.length == 0) {
            throw new SmbkitException(Failure.USAGE, "capture(): no FILE given", "Name the capture: capture(\"smb.pcap\")");
        }
        Table out = Tables.empty(smbkit.capture.report.CaptureView.sessions(new smbkit.capture.CaptureReport(), List.of()), false);
        List<Path> paths = java.util.Arrays.stream(files).map(Path::of).toList();
        try {
            try (smbkit.capture.CaptureReport r = smbkit.capture.CaptureAnalysis.analyse(paths, null, null)) {
            for (String failed : r.failedFiles) {
                fail("capture", failed.contains(":") ? failed.substring(0, failed.indexOf(':')) : failed,
                        new SmbkitException(Failure.FILE_ERROR, failed, null));
            }
            return out.append(Tables.of(smbkit.capture.report.CaptureView.sessions(r, r.sessions)));
            }
        } catch (SmbkitException e) {
            fail("capture", String.join(" ", files), e);
            return out;
        }
    }

    /** The clients the diagnosis names for Method 2 (the {@code method_2} findings' command), in order. */
    public static List<String> method2Clients(Table findings) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < findings.rowCount(); i++) {
            if ("method_2".equals(findings.stringColumn("kind").get(i))) {
                String[] words = findings.stringColumn("command").get(i).split("\\s+");
                for (int w = 1; w < words.length; w++) {
                    if (!words[w].startsWith("-") && !out.contains(words[w])) {
                        out.add(words[w]);
                    }
                }
            }
        }
        return out;
    }

    /** Every host a call could not read since the runbook started: host, call, failure, exit_code, message. */
    public static Table failures() {
        return failures;
    }

    // ---- changes: a plan first, applied only when asked --------------------------------------------

    /** Method 1's plan: the value that would change on each host to {@code level} (0, 1 or 2). */
    public static Table restrictAnonymous(int level, String... hosts) {
        return plan(Changes.restrictAnonymous(level), hosts);
    }

    /** Method 2's plan: the printer shares that would be removed from each host (client). */
    public static Table removePrinterShares(String... hosts) {
        return plan(Changes.removePrinterShares(List.of()), hosts);
    }

    /** Method 2's plan over a list (from {@link #method2Clients}, say). */
    public static Table removePrinterShares(List<String> hosts) {
        return removePrinterShares(hosts.toArray(String[]::new));
    }

    /** The last resort's plan: the NULL sessions that would be closed on each host. */
    public static Table closeNullSessions(String... hosts) {
        return plan(Changes.closeSessions(List.of(), true), hosts);
    }

    /** The last resort's plan: these clients' sessions on one host (sessions holding files are refused). */
    public static Table closeSessions(String host, String... clients) {
        return plan(Changes.closeSessions(List.of(clients), false), host);
    }

    /**
     * Applies a plan a change call returned, host by host, with the same backups (or close records) as the
     * scripts write; returns what was done, with a {@code backup} column. A host that fails goes to
     * {@link #failures()}; a refused plan (sessions holding files) is not applied on that host.
     */
    public static Table apply(Table plan) {
        Changes.Plan p = PLANS.remove(plan);
        if (p == null) {
            throw new SmbkitException(Failure.USAGE, "apply() takes a plan a change call returned, once",
                    "Call restrictAnonymous, removePrinterShares or closeSessions and pass their table as it is");
        }
        return changes(p, true);
    }

    private static Table plan(Changes.Plan p, String... hosts) {
        checkHosts(p.call(), hosts);
        Changes.Plan on = p.on(hosts);
        Table t = changes(on, false);
        PLANS.put(t, on);
        return t;
    }

    private static Table changes(Changes.Plan p, boolean apply) {
        PrintWriter err = new PrintWriter(System.err, true);
        // the scripts' multi-host runner: a host that fails is a row of failures() and the runbook goes on
        List<smbkit.scan.HostRun.Outcome<Table>> outcomes = smbkit.scan.HostRun.each(p.hosts(), host -> {
            try (ServerAccess s = server(host)) {
                Changes.Result r = p.run(s, host, apply, self(s), err);
                return new smbkit.scan.HostRun.Outcome<>(host, Tables.of(r.rows(), host), r.failure());
            } catch (SmbkitException e) {
                throw e;
            } catch (RuntimeException e) {
                throw smbkit.rpc.SmbErrors.classify(e);
            }
        }, o -> {
            if (o.failed()) {
                fail(p.call(), o.host(), o.failure());
            }
        });
        Table out = Tables.empty(p.shape(apply), true);
        for (smbkit.scan.HostRun.Outcome<Table> o : outcomes) {
            if (o.value() != null) {
                out = out.append(o.value());
            }
        }
        return out;
    }

    private static smbkit.kb.ClosePlan.Self self(ServerAccess s) {
        Credentials c = credentials();
        return new smbkit.kb.ClosePlan.Self(s.selfClient(), c.user(), c.isAnonymous());
    }

    // ---- output and the end ----------------------------------------------------------------------

    /** Prints a table as the scripts do (every row), or says it has none. */
    public static void show(Table t) {
        System.out.println(t.isEmpty() ? "(no rows: " + t.name() + ")" : t.printAll());
        System.out.flush();
    }

    /** Writes a table as CSV (the JSON field names as its header), whole or not at all, readable by you only. */
    public static Path csv(Table t, String file) {
        StringWriter w = new StringWriter();
        t.write().csv(w);
        return smbkit.io.SafeFiles.replace(Path.of(file), w.toString());
    }

    /** Ends the runbook with this exit code (0 to 125: 1 when findings call for action, say). */
    public static void exit(int code) {
        if (code < 0 || code > 125) {
            throw new SmbkitException(Failure.USAGE, "exit(" + code + "): an exit code is 0 to 125",
                    "Use the README's codes: 0 fine, 1 action needed, 3 some hosts failed");
        }
        throw new Exit(code);
    }

    /** What {@link #exit} throws: smb-shell ends the run with its code. */
    public static final class Exit extends RuntimeException {
        private final int code;

        Exit(int code) {
            super("exit(" + code + ")", null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** Forgets failures (and plans not applied): a new runbook starts clean. */
    public static void reset() {
        failures = newFailures();
        PLANS.clear();
        args = List.of();
    }

    // ---- internals --------------------------------------------------------------------------------

    private static Table perHost(String call, String[] hosts, TableData shape, Function<ServerAccess, TableData> step) {
        checkHosts(call, hosts);
        Table out = Tables.empty(shape, true);
        for (String host : hosts) {
            try (ServerAccess s = server(host)) {
                out = out.append(Tables.of(step.apply(s), host));
            } catch (SmbkitException e) {
                fail(call, host, e);
            } catch (RuntimeException e) {
                fail(call, host, smbkit.rpc.SmbErrors.classify(e));
            }
        }
        return out;
    }

    /** A bad HOST is the runbook's mistake: said (exit 2) before anything connects. */
    private static void checkHosts(String call, String... hosts) {
        if (hosts == null || hosts.length == 0) {
            throw new SmbkitException(Failure.USAGE, call + "(): no HOST given", "Name the servers: " + call + "(\"10.0.0.5\")");
        }
        for (String h : hosts) {
            Target.parse(h == null ? "" : h.strip());
        }
        credentials(); // no credentials is the runbook's problem, not each host's: said once, as a usage error
    }

    private static void fail(String call, String host, SmbkitException e) {
        synchronized (Runbook.class) {
            failures.stringColumn("host").append(host);
            failures.stringColumn("call").append(call);
            failures.stringColumn("failure").append(e.failure().name().toLowerCase(java.util.Locale.ROOT));
            failures.longColumn("exit_code").append(e.failure().exitCode());
            failures.stringColumn("message").append(e.oneLine());
            failures.stringColumn("at").append(Instant.now().toString());
        }
    }

    private static Table newFailures() {
        return Table.create("Failures", tech.tablesaw.api.StringColumn.create("host"),
                tech.tablesaw.api.StringColumn.create("call"), tech.tablesaw.api.StringColumn.create("failure"),
                tech.tablesaw.api.LongColumn.create("exit_code"), tech.tablesaw.api.StringColumn.create("message"),
                tech.tablesaw.api.StringColumn.create("at"));
    }

    private static Credentials credentials() {
        return RunbookCredentials.get();
    }
}
