package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine.Model.CommandSpec;
import smbkit.Failure;
import smbkit.Scripts;

/**
 * --backup-dir, --restore and --to-other-host are one mixin ({@link RestoreOptions}) in the two steps that change a
 * server and put it back, and --to-other-host without --restore is refused before anything connects in both.
 */
class RestoreOptionsTest {

    static final List<String> NAMES = List.of("--backup-dir", "--restore", "--to-other-host");

    @Test
    void eachRestoreOptionIsDeclaredInOneFile() throws IOException {
        for (String name : NAMES) {
            assertEquals(List.of(Path.of("lib/smbkit/cli/RestoreOptions.java")), NetbiosOptionsTest.declaring(name), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RestrictAnonymous", "RemovePrinterShares"})
    void bothChangingStepsHaveThemAndCheckThem(String script) {
        CommandSpec spec = Cli.commandLine(Scripts.command(script)).getCommandSpec();
        NAMES.forEach(n -> assertNotNull(spec.findOption(n), script + " " + n));
        assertTrue(spec.findOption("--restore").arity().max() > 1, "one or many backups");
        Scripts.Result r = Scripts.run(script, "127.0.0.1:9", "-N", "--to-other-host");
        assertEquals(Failure.USAGE.exitCode(), r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().contains("--to-other-host goes with --restore"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }
}
