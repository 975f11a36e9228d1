package smbkit.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import smbkit.Lab;
import smbkit.Proc;

/** Debian's tshark as the oracle: its fields for a display filter, one list per frame. */
final class Tshark {

    private Tshark() {}

    static boolean installed() {
        try {
            return Proc.run(Lab.REPO, "tshark", "--version").exit() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** tshark -2 -T fields -E separator=/t -E occurrence=a -Y FILTER -e FIELD...: each frame's values; NULL as "". */
    static List<List<String>> fields(Path file, String filter, String... fields) {
        return fields(file, List.of(), filter, fields);
    }

    /** The same with more options first ("-d", "tcp.port==4450,nbss" for a server on another port). */
    static List<List<String>> fields(Path file, List<String> options, String filter, String... fields) {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-2"));
        cmd.addAll(options);
        cmd.addAll(List.of("-r", file.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=|", "-Y", filter));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Proc p = Proc.run(Lab.REPO, java.util.Map.of(), 120, cmd);
        if (p.exit() != 0) {
            throw new AssertionError("tshark: " + p.err());
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : p.out().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = new ArrayList<>();
            for (String v : line.split("\t", -1)) {
                row.add(v.equals("NULL") ? "" : v);
            }
            rows.add(row);
        }
        return rows;
    }
}
