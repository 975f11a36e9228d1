package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import smbkit.Scripts;

/**
 * One spelling for the files a step writes (--save FILE, --backup-dir DIR, --html FILE) and for --restore
 * (one or many backups), in every script; the old spellings still parse, hidden from --help.
 */
class OptionSpellingTest {

    static final List<String> OLD = List.of("--record", "--backup", "--write");

    @Test
    void everyScriptSpellsItsFilesOneWay() throws Exception {
        for (Map.Entry<String, Map<String, Object>> a : CompletionTest.aliases().entrySet()) {
            CommandLine cl = Cli.commandLine(Scripts.command(CompletionTest.className((String) a.getValue().get("script-ref"))));
            for (OptionSpec o : cl.getCommandSpec().options()) {
                if (OLD.contains(o.longestName())) {
                    assertTrue(o.hidden(), a.getKey() + ": " + o.longestName() + " is an old spelling, hidden");
                }
            }
            OptionSpec restore = cl.getCommandSpec().findOption("--restore");
            if (restore != null) {
                assertTrue(restore.arity().max() > 1, a.getKey() + ": --restore takes one or many backups");
            }
            String help = cl.getUsageMessage();
            OLD.forEach(old -> assertFalse(help.contains(old + " "), a.getKey() + " --help shows " + old));
        }
    }

    static Object value(String script, String option, String... args) {
        CommandLine cl = Cli.commandLine(Scripts.command(script));
        cl.parseArgs(args);
        return cl.getCommandSpec().findOption(option).getValue();
    }

    @Test
    void theOldSpellingsStillWork() {
        assertEquals(Path.of("r.json"), value("CloseSessions", "--save", "--record", "r.json"));
        assertEquals(Path.of("r.json"), value("CloseSessions", "--save", "--save", "r.json"));
        assertEquals(Path.of("c.pcap"), value("ReadCapture", "--save", "--write", "c.pcap"));
        assertEquals(Path.of("b.reg"), value("RestrictAnonymous", "--backup", "--backup", "b.reg"));
        assertEquals(Path.of("d"), value("RestrictAnonymous", "--backup-dir", "--backup-dir", "d"));
        assertEquals(Path.of("d"), value("RemovePrinterShares", "--backup-dir", "--backup-dir", "d"));
        assertEquals(List.of(Path.of("a.reg"), Path.of("b.reg")), value("RestrictAnonymous", "--restore", "--restore", "a.reg", "b.reg"));
    }
}
