package smbkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;
import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * The backups of a step that changes a server and can put it back (smb-restrict-anonymous, smb-printer-shares),
 * declared once: {@code --backup-dir DIR} (where the backup written before a change goes), {@code --restore
 * BACKUP...} (each on the host it names) and {@code --to-other-host}, which goes with --restore. {@code --apply}
 * stays each step's own: its help says what that step changes.
 */
public class RestoreOptions implements Cli.Checked {

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Where backups go (default: $XDG_STATE_HOME/smbkit, "
            + "else ~/.local/state/smbkit), a file per host and change, named after the step, the host and the time; never overwritten.")
    public Path backupDir;

    @Option(names = "--restore", paramLabel = "BACKUP", arity = "1..*",
            description = "Put back what these backups hold, each on the host it names (a dry run unless --apply).")
    public List<Path> restore = new ArrayList<>();

    @Option(names = "--to-other-host", description = "With --restore: restore onto the HOST given, not the one the backup names.")
    public boolean toOtherHost;

    /** Before anything is asked: --to-other-host goes with --restore. */
    @Override
    public void check() {
        if (toOtherHost && !restoring()) {
            throw new SmbkitException(Failure.USAGE, "--to-other-host goes with --restore", "Drop it, or add --restore BACKUP");
        }
    }

    /** Whether the run restores backups rather than changing anything. */
    public boolean restoring() {
        return !restore.isEmpty();
    }
}
