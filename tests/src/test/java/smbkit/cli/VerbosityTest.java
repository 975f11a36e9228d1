package smbkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import smbkit.Scripts;

/**
 * -v means the same in every script: each call and step on stderr, named by the command (-vv adds the time
 * each took), the failure still one line; without -v none of it.
 */
class VerbosityTest {

    /** Each alias with arguments that fail fast here (nothing listens on port 1; no such file). */
    static final Map<String, List<String>> RUNS = Map.of(
            "smb-sessions", List.of("127.0.0.1:1", "-N"),
            "smb-null-sessions", List.of("127.0.0.1:1", "-N"),
            "smb-open-pipes", List.of("127.0.0.1:1", "-N"),
            "smb-close-sessions", List.of("127.0.0.1:1", "-N", "--null-only"),
            "smb-printer-shares", List.of("127.0.0.1:1", "-N"),
            "smb-restrict-anonymous", List.of("127.0.0.1:1", "-N"),
            "smb-diagnose", List.of("127.0.0.1:1", "-N"),
            "smb-capture", List.of("/nonexistent/smbkit-verbosity.pcap"),
            "smb-workgroup", List.of("LABWG", "--master", "127.0.0.1", "--name-port", "9", "--name-timeout", "100"),
            "smb-shell", List.of("/nonexistent/smbkit-verbosity.jsh"));

    static Scripts.Result run(String cls, List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return Scripts.run(cls, all.toArray(String[]::new));
    }

    @Test
    void everyScriptHasMinusVAndItSaysEachStep() throws Exception {
        Map<String, Map<String, Object>> aliases = CompletionTest.aliases();
        assertEquals(RUNS.keySet(), aliases.keySet(), "a run for every alias");
        for (Map.Entry<String, Map<String, Object>> a : aliases.entrySet()) {
            String cls = CompletionTest.className((String) a.getValue().get("script-ref"));
            CommandLine cl = Cli.commandLine(Scripts.command(cls));
            assertTrue(cl.getCommandSpec().optionsMap().containsKey("-v"), a.getKey() + " has -v");
            assertTrue(cl.getCommandSpec().optionsMap().containsKey("--debug"), a.getKey() + " has --debug");
            Scripts.Result quiet = run(cls, RUNS.get(a.getKey()));
            Scripts.Result verbose = run(cls, RUNS.get(a.getKey()), "-v");
            assertEquals(quiet.exit(), verbose.exit(), a.getKey() + ": -v changes no exit code");
            assertTrue(quiet.exit() != 0 && quiet.exit() != 70, a.getKey() + ": " + quiet.err());
            List<String> said = verbose.err().lines().filter(l -> !quiet.err().contains(l)).toList();
            assertTrue(!said.isEmpty() && said.stream().allMatch(l -> l.startsWith(a.getKey() + ": ")),
                    a.getKey() + " -v says its steps, named: " + verbose.err() + "\nwithout -v: " + quiet.err());
            assertTrue(!verbose.err().contains("\tat "), a.getKey() + ": no stack trace without --debug");
        }
    }

    @Test
    void minusVvAddsTheTimeOfEachStep() {
        Scripts.Result v = Scripts.run("ListSessions", "127.0.0.1:1", "-N", "-v");
        Scripts.Result vv = Scripts.run("ListSessions", "127.0.0.1:1", "-N", "-vv");
        assertTrue(v.err().contains("smb-sessions: connecting to 127.0.0.1:1"), v.err());
        assertTrue(!v.err().matches("(?s).*: \\d+ ms\\R.*"), v.err());
        assertTrue(vv.err().matches("(?s).*smb-sessions: connecting to 127.0.0.1:1: \\d+ ms\\R.*"), vv.err());
        assertEquals(11, vv.exit(), vv.err());
    }
}
