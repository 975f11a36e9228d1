package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Scripts;
import smbkit.model.ServerInfo;
import smbkit.model.Snapshot;
import smbkit.store.SnapshotJson;

/**
 * smb-diagnose --capture: the capture's findings for the diagnosed server join its diagnosis, with their
 * kinds; a capture of another server adds none; a file that is not a capture is its one line and exit 19.
 */
class DiagnoseWithCaptureTest {

    @TempDir
    Path tmp;

    Path snapshot(String host) throws Exception {
        ServerInfo samba = new ServerInfo("S", 500, 6, 1, ServerInfo.SV_TYPE_SERVER_UNIX | ServerInfo.SV_TYPE_SERVER, "", 8L);
        Snapshot s = new Snapshot(host, Instant.parse("2026-11-25T10:00:00Z"), samba, List.of(), "level 1", List.of(), null,
                null, List.of(), null, new java.util.LinkedHashMap<>());
        Path p = tmp.resolve(host.replace(':', '_') + ".json");
        Files.writeString(p, JSON.std.asString(SnapshotJson.write(s)));
        return p;
    }

    Path capture() throws Exception {
        Path f = tmp.resolve("kb.pcap");
        Files.write(f, Synthetic.kbScenario(Synthetic.Variant.PCAP_US));
        return f;
    }

    static List<Map<String, Object>> fromCapture(Scripts.Result r) {
        return r.rows().stream().filter(x -> x.get("evidence").toString().contains("seen in the capture")).toList();
    }

    @Test
    void theCapturesFindingsForThatServerJoinTheDiagnosis() throws Exception {
        Scripts.Result healthy = Scripts.run("SmbDiagnose", "--from", snapshot("127.0.0.1:4450").toString(), "--format", "json");
        assertEquals(0, healthy.exit(), healthy.err() + healthy.out());
        Scripts.Result r = Scripts.run("SmbDiagnose", "--from", snapshot("127.0.0.1:4450").toString(), "--capture",
                capture().toString(), "--format", "json");
        assertEquals(1, r.exit(), "the spooler's held handle calls for action: " + r.err() + r.out());
        List<Map<String, Object>> added = fromCapture(r);
        assertEquals(1, added.size(), r.out());
        Map<String, Object> f = added.get(0);
        assertEquals("127.0.0.1:4450", f.get("host"));
        assertEquals("permanent_null_sessions", f.get("kind"));
        assertEquals("action", f.get("severity"));
        assertEquals("cause", f.get("area"));
        assertTrue(f.get("finding").toString().endsWith("Method 2 on 127.0.0.3"), f.toString());
        assertEquals("smb-printer-shares 127.0.0.3", f.get("command"));

        Scripts.Result table = Scripts.run("SmbDiagnose", "--from", snapshot("127.0.0.1:4450").toString(), "--capture",
                capture().toString());
        assertTrue(table.out().contains("called RpcOpenPrinterEx and never closed the handle"), table.out());
    }

    @Test
    void aCaptureOfAnotherServerAddsNothing() throws Exception {
        Scripts.Result r = Scripts.run("SmbDiagnose", "--from", snapshot("127.0.0.9").toString(), "--capture",
                capture().toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err() + r.out());
        assertTrue(fromCapture(r).isEmpty(), r.out());
    }

    @Test
    void aFileThatIsNotACaptureIsExit19() throws Exception {
        Path junk = tmp.resolve("junk.pcap");
        Files.writeString(junk, "not a capture at all, just words");
        Scripts.Result r = Scripts.run("SmbDiagnose", "--from", snapshot("127.0.0.1").toString(), "--capture", junk.toString());
        assertEquals(19, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
