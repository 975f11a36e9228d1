///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's Method 1: read, change and restore a server's NULL-session restrictions, and probe their effect.

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.AnonymousProbe;
import smbkit.access.ServerAccess;
import smbkit.change.AnonymousRestriction;
import smbkit.change.ChangeRuns;
import smbkit.io.RegFile;
import smbkit.change.Records;
import smbkit.change.RegBackup;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.HostScript;
import smbkit.cli.Progress;
import smbkit.cli.RestoreOptions;
import smbkit.kb.SessionKinds;
import smbkit.render.AnonymousView;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.scan.HostRun;

@Command(name = "smb-restrict-anonymous", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"KB 328459's Method 1: shows the values that govern NULL sessions (RestrictAnonymous and its "
                + "friends on Windows; Samba's own 'restrict anonymous') with what each means, and probes what a new "
                + "NULL session can do. --set LEVEL changes the restriction (a dry run unless --apply), after writing a "
                + "backup in regedit's .reg format; --restore BACKUP... puts back exactly what was there (a dry run unless --apply). Existing NULL "
                + "sessions keep what they have: close them with close-sessions."},
        footer = {"", "Levels: 0 no restriction; 1 NULL sessions may not enumerate accounts and shares (the KB's value on "
                + "Windows); 2 NULL sessions are refused (Samba's only level that refuses them).",
                "", "Examples:",
                "  smb-restrict-anonymous fileserver -A ~/.smbauth",
                "  smb-restrict-anonymous fileserver -A ~/.smbauth --set 1 --apply",
                "  smb-restrict-anonymous fileserver -A ~/.smbauth --restore restrict-anonymous-fileserver-20261125-101500.reg --apply"})
public class RestrictAnonymous extends HostScript {

    @Option(names = "--set", paramLabel = "LEVEL", converter = Converters.RestrictLevel.class, description = "Change the restriction to LEVEL (0, 1 or 2).")
    Integer level;

    @Option(names = "--apply", description = "Really change; without it, only show what would change.")
    boolean apply;

    @Mixin
    RestoreOptions backups;

    /** The old spelling: the backup's own file name. */
    @Option(names = "--backup", paramLabel = "FILE", hidden = true)
    Path backup;

    @Option(names = "--no-probe", description = "Do not open a NULL session to see what one can do.")
    boolean noProbe;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (level != null && backups.restoring()) {
            throw new SmbkitException(Failure.USAGE, "--set and --restore do not go together", "Do one, then the other");
        }
        if (backups.restoring()) {
            return restoreAll(out);
        }
        try (ServerAccess server = open()) {
            AnonymousRestriction.Reading reading = AnonymousRestriction.read(server);
            Renderer.print(AnonymousView.settings(reading), output.format, out);
            if (output.format == Format.table) {
                out.println("Setting used: " + reading.why() + ".");
            }
            if (level == null) {
                probe(out);
                return reading.flavour() == AnonymousRestriction.Flavour.NONE ? Failure.NOT_AVAILABLE.exitCode() : 0;
            }
            Path file = backup != null ? backup : backups.backupDir == null ? null
                    : backups.backupDir.resolve(Records.fileName(AnonymousRestriction.TOOL, server.where(), "reg"));
            ChangeRuns.Restriction r = ChangeRuns.restrict(server, reading, level, apply, file, name() + " --set " + level, err(),
                    b -> note(out, "Backup of what was there: " + b.backup() + " (restore with " + b.restoreCommand() + ")."));
            switch (r.result()) {
                case ChangeRuns.ALREADY_SO -> {
                    note(out, r.key() + "\\" + r.now().name() + " is already " + ChangeRuns.show(r.wanted().value()) + ": nothing to change.");
                    return 0;
                }
                case ChangeRuns.WOULD_CHANGE -> {
                    note(out, "Would change " + r.change() + ". Dry run: nothing was changed. Add --apply (a backup is written first).");
                    return 0;
                }
                default -> { }
            }
            if (!r.held()) {
                throw new SmbkitException(Failure.PARTIAL, "the change did not hold: " + String.join("; ", r.differences()),
                        "Restore with " + r.restoreCommand());
            }
            note(out, "Changed " + r.change() + ".");
            probe(out);
            existingNullSessions(server, out);
            return 0;
        }
    }

    /** Every backup read and checked before the first is restored; then each in turn, on the host it names. */
    private int restoreAll(PrintWriter out) {
        List<RegBackup> saved = new ArrayList<>();
        for (Path file : backups.restore) {
            saved.add(AnonymousRestriction.readBackup(file));
        }
        if (saved.size() == 1) {
            try (ServerAccess server = openForBackup(backups.restore.get(0), saved.get(0).host(), backups.toOtherHost)) {
                return restore(server, backups.restore.get(0), saved.get(0), out);
            }
        }
        List<HostRun.Outcome<Void>> outcomes = new ArrayList<>();
        try (Progress bar = progress("Restoring", saved.size(), "backups")) {
            for (int i = 0; i < saved.size(); i++) {
                Path file = backups.restore.get(i);
                RegBackup b = saved.get(i);
                outcomes.addAll(HostRun.each(List.of(b.host()), host -> {
                    try (ServerAccess server = openForBackup(file, host, backups.toOtherHost)) {
                        restore(server, file, b, out);
                        return HostRun.Outcome.ok(host, null);
                    } catch (SmbkitException e) {
                        note(file + ": " + e.oneLine());
                        throw e;
                    }
                }, o -> bar.step(o.failed())));
            }
        }
        return HostRun.exitCode(outcomes);
    }

    static boolean sameHost(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private int restore(ServerAccess server, Path file, RegBackup saved, PrintWriter out) {
        String onto = sameHost(server.where(), saved.host()) ? "" : " (the backup of " + saved.host() + ")";
        ChangeRuns.RestrictionRestore r = ChangeRuns.restoreRestriction(server, saved, apply, name() + " --restore " + file, err());
        if (!r.applied()) {
            r.plan().forEach(line -> note(out, "Would restore " + line + onto + "."));
            note(out, "Dry run: nothing was changed. Add --apply to restore.");
            return 0;
        }
        if (!r.differences().isEmpty()) {
            throw new SmbkitException(Failure.PARTIAL, "the restore did not hold: " + String.join("; ", r.differences()), null);
        }
        for (RegFile.Entry e : saved.entries()) {
            note(out, "Restored HKLM\\" + e.key() + "\\" + e.name() + " to " + ChangeRuns.show(e.value()) + onto + ".");
        }
        probe(out);
        return 0;
    }

    private void probe(PrintWriter out) {
        if (noProbe) {
            return;
        }
        if (target.isLocal()) {
            note(out, "Probe skipped in local mode: it needs a network session (run it with a HOST to probe).");
            return;
        }
        AnonymousProbe.Result result = verbosity.step("probing what a NULL session can do on " + target.target(),
                () -> AnonymousProbe.run(target.target(), target.connectionOptions()));
        Renderer.print(AnonymousView.probe(result), output.format, out);
        note(out, "Probe: " + result.summary() + ".");
    }

    /** A new setting leaves existing NULL sessions alone: say how many there are and what closes them. */
    private void existingNullSessions(ServerAccess server, PrintWriter out) {
        try {
            long n = server.sessions(null, null).sessions().stream().filter(SessionKinds::isAnonymous).count();
            note(out, n == 0 ? "No NULL sessions exist now." : n + " existing NULL session(s) keep working until closed: "
                    + "smb-close-sessions " + server.where() + " --null-only (a dry run; add --apply).");
        } catch (SmbkitException e) {
            note(out, "Existing NULL sessions keep working until closed: smb-close-sessions " + server.where() + " --null-only.");
        }
    }

    /** A line of the report: under the tables, or on stderr when stdout is CSV or JSON. */
    private void note(PrintWriter out, String line) {
        report(output.format, line);
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new RestrictAnonymous(), args));
    }
}
