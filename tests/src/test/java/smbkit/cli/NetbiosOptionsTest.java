package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import smbkit.Failure;
import smbkit.Scripts;

/**
 * The NetBIOS discovery options are one mixin ({@link NetbiosOptions}): declared in one file, the same options
 * (spellings, hidden --name-port, defaults) in smb-workgroup and the multi-host steps, and --sweep with
 * --master/--wins refused before anything is asked in each of them.
 */
class NetbiosOptionsTest {

    static final List<String> NAMES = List.of("--master", "--wins", "--sweep", "--name-timeout", "--name-port");

    @Test
    void eachNetbiosOptionIsDeclaredInOneFile() throws IOException {
        for (String name : NAMES) {
            assertEquals(List.of(Path.of("lib/smbkit/cli/NetbiosOptions.java")), declaring(name), name);
        }
    }

    /** The files of lib/ and scripts/ that declare option {@code name}, relative to the repository. */
    static List<Path> declaring(String name) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("lib", "scripts")) {
            try (Stream<Path> files = Files.walk(root.resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    if (Files.readString(f).contains("names = \"" + name + "\"")) {
                        out.add(root.relativize(f));
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ListWorkgroup", "SmbDiagnose", "RemovePrinterShares"})
    void everyDiscoveringScriptHasTheMixin(String script) {
        CommandSpec spec = Cli.commandLine(Scripts.command(script)).getCommandSpec();
        for (String name : NAMES) {
            OptionSpec o = spec.findOption(name);
            assertNotNull(o, script + " " + name);
            assertEquals(name.equals("--name-port"), o.hidden(), script + " " + name);
        }
        assertEquals("1500", spec.findOption("--name-timeout").defaultValue());
        assertEquals("137", spec.findOption("--name-port").defaultValue());
        assertTrue(spec.findOption("--names-port") == null || spec.findOption("--names-port").hidden());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ListWorkgroup", "SmbDiagnose", "RemovePrinterShares"})
    void aSweepTakesNoMasterNorWins(String script) {
        for (String server : List.of("--master", "--wins")) {
            Scripts.Result r = script.equals("ListWorkgroup")
                    ? Scripts.run(script, "WG", "--sweep", "127.0.0.1-3", server, "127.0.0.1")
                    : Scripts.run(script, "--workgroup", "WG", "--sweep", "127.0.0.1-3", server, "127.0.0.1");
            assertEquals(Failure.USAGE.exitCode(), r.exit(), r.err());
            assertEquals("", r.out());
            assertTrue(r.err().contains("takes no --master or --wins"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void theValuesReachTheDiscovery() {
        NetbiosOptions n = new NetbiosOptions();
        new CommandLine(n).parseArgs("--wins", "10.0.0.2", "--name-timeout", "250", "--name-port", "1137");
        var o = n.options(8, false, 3, null);
        assertEquals("10.0.0.2", o.wins());
        assertEquals(null, o.master());
        assertEquals(250, o.timeout().toMillis());
        assertEquals(1137, o.nameServicePort());
        assertEquals(8, o.parallel());
        assertEquals(3, o.connection().connectTimeout().toSeconds());
        assertEquals(3, o.connection().responseTimeout().toSeconds());
        assertEquals(5, n.options(8, false, 30, null).connection().connectTimeout().toSeconds(), "the connect waits 5 s at most");
        assertEquals(30, n.options(8, false, 30, null).connection().responseTimeout().toSeconds());
    }
}
