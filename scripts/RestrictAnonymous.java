///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's Method 1: read, change and restore a server's NULL-session restrictions, and probe their effect.

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.AnonymousProbe;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.change.AnonymousRestriction;
import smbkit.change.ChangeJournal;
import smbkit.change.RegFile;
import smbkit.change.Records;
import smbkit.cli.Cli;
import smbkit.cli.Converters;
import smbkit.cli.OutputOptions;
import smbkit.cli.TargetOptions;
import smbkit.cli.VerbosityOptions;
import smbkit.kb.SessionKinds;
import smbkit.model.RegistryValue;
import smbkit.render.AnonymousView;
import smbkit.render.Format;
import smbkit.render.Renderer;
import smbkit.rpc.Target;

@Command(name = "smb-restrict-anonymous", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"KB 328459's Method 1: shows the values that govern NULL sessions (RestrictAnonymous and its "
                + "friends on Windows; Samba's own 'restrict anonymous') with what each means, and probes what a new "
                + "NULL session can do. --set LEVEL changes the restriction (a dry run unless --apply), after writing a "
                + "backup in regedit's .reg format; --restore BACKUP puts back exactly what was there (a dry run unless --apply). Existing NULL "
                + "sessions keep what they have: close them with close-sessions."},
        footer = {"", "Levels: 0 no restriction; 1 NULL sessions may not enumerate accounts and shares (the KB's value on "
                + "Windows); 2 NULL sessions are refused (Samba's only level that refuses them).",
                "", "Examples:",
                "  smb-restrict-anonymous fileserver -A ~/.smbauth",
                "  smb-restrict-anonymous fileserver -A ~/.smbauth --set 1 --apply",
                "  smb-restrict-anonymous fileserver -A ~/.smbauth --restore restrict-anonymous-fileserver-20261125-101500.reg --apply"})
public class RestrictAnonymous implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--set", paramLabel = "LEVEL", converter = Converters.RestrictLevel.class, description = "Change the restriction to LEVEL (0, 1 or 2).")
    Integer level;

    @Option(names = "--apply", description = "Really change; without it, only show what would change.")
    boolean apply;

    @Option(names = "--restore", paramLabel = "BACKUP",
            description = "Put back the values a backup holds, on the host it names (a dry run unless --apply).")
    Path restore;

    @Option(names = "--to-other-host", description = "With --restore: restore onto a HOST other than the one the backup names.")
    boolean toOtherHost;

    @Option(names = "--backup", paramLabel = "FILE", description = "Where the backup goes (default: "
            + "restrict-anonymous-HOST-TIME.reg in $XDG_STATE_HOME/smbkit, else ~/.local/state/smbkit); never overwritten.")
    Path backup;

    @Option(names = "--no-probe", description = "Do not open a NULL session to see what one can do.")
    boolean noProbe;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (level != null && restore != null) {
            throw new SmbkitException(Failure.USAGE, "--set and --restore do not go together", "Do one, then the other");
        }
        if (toOtherHost && restore == null) {
            throw new SmbkitException(Failure.USAGE, "--to-other-host goes with --restore", "Drop it, or add --restore BACKUP");
        }
        RegFile.Backup saved = restore == null ? null : AnonymousRestriction.readBackup(restore);
        try (ServerAccess server = saved != null ? openFor(saved.host()) : target.open()) {
            if (saved != null) {
                return restore(server, saved, out);
            }
            AnonymousRestriction.Reading reading = AnonymousRestriction.read(server);
            Renderer.print(AnonymousView.settings(reading), output.format, out);
            if (output.format == Format.table) {
                out.println("Setting used: " + reading.why() + ".");
            }
            if (level == null) {
                probe(out);
                return reading.flavour() == AnonymousRestriction.Flavour.NONE ? Failure.NOT_AVAILABLE.exitCode() : 0;
            }
            RegFile.Entry now = AnonymousRestriction.current(reading);
            RegFile.Entry wanted = AnonymousRestriction.target(reading, level);
            String change = "HKLM\\" + now.key() + "\\" + now.name() + ": " + show(now.value()) + " -> " + show(wanted.value());
            if (!apply) {
                note(out, "Would change " + change + ". Dry run: nothing was changed. Add --apply (a backup is written first).");
                return 0;
            }
            Path file = backup != null ? backup : Records.defaultPath("restrict-anonymous", server.where(), "reg");
            try (ChangeJournal journal = ChangeJournal.start("smb-restrict-anonymous --set " + level, spec.commandLine().getErr())) {
                file = AnonymousRestriction.writeBackup(file, server.where(), List.of(now));
                String restoreWith = "--restore " + file + " --apply";
                journal.backup(file, restoreWith);
                note(out, "Backup of what was there: " + file + " (restore with " + restoreWith + ").");
                journal.changed("HKLM\\" + now.key() + "\\" + now.name() + " (being set to " + show(wanted.value()) + ")");
                List<String> differences = AnonymousRestriction.write(server.registry(), List.of(wanted));
                if (!differences.isEmpty()) {
                    throw new SmbkitException(Failure.PARTIAL, "the change did not hold: " + String.join("; ", differences),
                            "Restore with " + restoreWith);
                }
            }
            note(out, "Changed " + change + ".");
            probe(out);
            existingNullSessions(server, out);
            return 0;
        }
    }

    /**
     * The server a backup goes back to: the one it names. A HOST given too must be that one, unless
     * --to-other-host says otherwise; with no HOST (and no --local), the backup's host.
     */
    private ServerAccess openFor(String backupHost) {
        boolean explicitLocal = spec.commandLine().getParseResult().hasMatchedOption("--local");
        if (target.hasHost()) {
            Records.checkHost(restore, backupHost, target.target().toString(), toOtherHost); // before connecting
            return target.open();
        }
        if (!explicitLocal && !backupHost.startsWith("this machine")) {
            return target.open(Target.parse(backupHost));
        }
        ServerAccess server = target.open();
        try {
            Records.checkHost(restore, backupHost, server.where(), toOtherHost);
        } catch (SmbkitException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static boolean sameHost(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private int restore(ServerAccess server, RegFile.Backup saved, PrintWriter out) {
        Registry registry = server.registry();
        List<String> plan = new ArrayList<>();
        for (RegFile.Entry e : saved.entries()) {
            Optional<RegistryValue> now = registry.get(e.key(), e.name());
            plan.add("HKLM\\" + e.key() + "\\" + e.name() + ": " + show(now) + " -> " + show(e.value())
                    + (now.equals(e.value()) ? " (already so)" : ""));
        }
        String onto = sameHost(server.where(), saved.host()) ? "" : " (the backup of " + saved.host() + ")";
        if (!apply) {
            plan.forEach(line -> note(out, "Would restore " + line + onto + "."));
            note(out, "Dry run: nothing was changed. Add --apply to restore.");
            return 0;
        }
        List<String> differences;
        try (ChangeJournal journal = ChangeJournal.start("smb-restrict-anonymous --restore " + restore, spec.commandLine().getErr())) {
            plan.forEach(line -> journal.changed(line.substring(0, line.indexOf(':')) + " (being restored)"));
            differences = AnonymousRestriction.write(registry, saved.entries());
        }
        if (!differences.isEmpty()) {
            throw new SmbkitException(Failure.PARTIAL, "the restore did not hold: " + String.join("; ", differences), null);
        }
        for (RegFile.Entry e : saved.entries()) {
            note(out, "Restored HKLM\\" + e.key() + "\\" + e.name() + " to " + show(e.value()) + onto + ".");
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
        AnonymousProbe.Result result = AnonymousProbe.run(target.target(), target.connectionOptions());
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

    private void note(PrintWriter out, String line) {
        (output.format == Format.table ? out : spec.commandLine().getErr()).println(line);
    }

    private static String show(Optional<RegistryValue> v) {
        return v.map(RegistryValue::toString).orElse("absent");
    }

    public static void main(String... args) {
        System.exit(Cli.execute(new RestrictAnonymous(), args));
    }
}
