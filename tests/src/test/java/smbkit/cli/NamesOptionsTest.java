package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import smbkit.scan.ClientNames;

/** {@code --no-names} turns the lookup off; names are looked up by default, one lookup (one cache) per run. */
class NamesOptionsTest {

    @Test
    void noNamesIsOff() {
        NamesOptions o = new NamesOptions();
        new CommandLine(o).parseArgs("--no-names");
        assertSame(ClientNames.OFF, o.names());
        assertFalse(o.names().enabled());
    }

    @Test
    void onByDefaultOnePerRun() {
        NamesOptions o = new NamesOptions();
        new CommandLine(o).parseArgs();
        assertTrue(o.names().enabled());
        assertSame(o.names(), o.names());
    }
}
