///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../lib/smbkit/SmbKit.java
//CDS
//DESCRIPTION KB 328459's Method 1: read, change and restore a server's NULL-session restrictions, and probe their effect.

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import smbkit.access.ServerAccess;
import smbkit.change.AnonymousRestriction;
import smbkit.change.RegFile;
import smbkit.change.Records;
import smbkit.cli.Cli;
import smbkit.cli.OutputOptions;
import smbkit.cli.TargetOptions;
import smbkit.cli.VerbosityOptions;
import smbkit.kb.SessionKinds;
import smbkit.model.RegistryValue;
import smbkit.render.AnonymousView;
import smbkit.render.Format;
import smbkit.render.Renderer;

@Command(name = "restrict-anonymous", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = {"KB 328459's Method 1: shows the values that govern NULL sessions (RestrictAnonymous and its "
                + "friends on Windows; Samba's own 'restrict anonymous') with what each means, and probes what a new "
                + "NULL session can do. --set LEVEL changes the restriction (a dry run unless --apply), after writing a "
                + "backup in regedit's .reg format; --restore BACKUP puts back exactly what was there. Existing NULL "
                + "sessions keep what they have: close them with close-sessions."},
        footer = {"", "Levels: 0 no restriction; 1 NULL sessions may not enumerate accounts and shares (the KB's value on "
                + "Windows); 2 NULL sessions are refused (Samba's only level that refuses them).",
                "", "Examples:",
                "  restrict-anonymous fileserver -A ~/.smbauth",
                "  restrict-anonymous fileserver -A ~/.smbauth --set 1 --apply",
                "  restrict-anonymous fileserver -A ~/.smbauth --restore restrict-anonymous-fileserver-20261125-101500.reg"})
public class RestrictAnonymous implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    OutputOptions output;

    @Mixin
    VerbosityOptions verbosity;

    @Option(names = "--set", paramLabel = "LEVEL", description = "Change the restriction to LEVEL (0, 1 or 2).")
    Integer level;

    @Option(names = "--apply", description = "Really change; without it, only show what would change.")
    boolean apply;

    @Option(names = "--restore", paramLabel = "BACKUP", description = "Put back the values a backup holds.")
    Path restore;

    @Option(names = "--backup", paramLabel = "FILE",
            description = "Where the backup goes (default: restrict-anonymous-HOST-TIME.reg here).")
    Path backup;

    @Option(names = "--no-probe", description = "Do not open a NULL session to see what one can do.")
    boolean noProbe;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (level != null && restore != null) {
            throw new SmbkitException(Failure.USAGE, "--set and --restore do not go together", "Do one, then the other");
        }
        try (ServerAccess server = target.open()) {
            AnonymousRestriction.Reading reading = AnonymousRestriction.read(server);
            if (restore != null) {
                return restore(server, out);
            }
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
            writeBackup(file, server.where(), List.of(now));
            note(out, "Backup of what was there: " + file + " (restore with --restore " + file + ").");
            List<String> differences = AnonymousRestriction.write(server.registry(), List.of(wanted));
            if (!differences.isEmpty()) {
                throw new SmbkitException(Failure.PARTIAL, "the change did not hold: " + String.join("; ", differences),
                        "Restore with --restore " + file);
            }
            note(out, "Changed " + change + ".");
            probe(out);
            existingNullSessions(server, out);
            return 0;
        }
    }

    private int restore(ServerAccess server, PrintWriter out) {
        List<RegFile.Entry> entries;
        try {
            entries = RegFile.parse(RegFile.text(Files.readAllBytes(restore)));
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + restore + ": " + e.getMessage(),
                    "Give the .reg file restrict-anonymous wrote", e);
        }
        List<String> differences = AnonymousRestriction.write(server.registry(), entries);
        if (!differences.isEmpty()) {
            throw new SmbkitException(Failure.PARTIAL, "the restore did not hold: " + String.join("; ", differences), null);
        }
        for (RegFile.Entry e : entries) {
            note(out, "Restored HKLM\\" + e.key() + "\\" + e.name() + " to " + show(e.value()) + ".");
        }
        probe(out);
        return 0;
    }

    private static void writeBackup(Path file, String host, List<RegFile.Entry> entries) {
        String text = RegFile.write(List.of("smbkit restrict-anonymous backup of " + host + ", " + Instant.now(),
                "A value written as - was absent: restoring deletes it.",
                "Restore with: smb-restrict-anonymous " + host + " --restore " + file.getFileName()), entries);
        try {
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
            Files.writeString(tmp, text);
            Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot write the backup " + file + ": " + e.getMessage(),
                    "Nothing was changed; choose a writable place with --backup", e);
        }
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
