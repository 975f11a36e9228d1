package smbkit.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.jr.ob.JSON;

import smbkit.Runbook;
import smbkit.Scripts;
import tech.tablesaw.api.Table;

/**
 * The runbook's capture(FILE...): smb-capture's sessions as a table with its JSON field names, the same
 * sessions smb-capture --format json lists; a file that is not a capture is a row of failures() and the
 * others are read. (Here rather than beside Runbook: the synthetic captures are this package's.)
 */
class RunbookCaptureTest {

    @TempDir
    Path tmp;

    @AfterEach
    void reset() {
        Runbook.reset();
    }

    Path twoClients() throws Exception {
        List<Synthetic.Pkt> pkts = new ArrayList<>(Synthetic.tcp(Synthetic.Variant.PCAP_US, "127.0.0.3",
                Synthetic.Variant.PCAP_US.server(), Synthetic.kbMessages(false, false), 1460));
        pkts.addAll(Synthetic.tcp(Synthetic.Variant.PCAP_US, "127.0.0.4", Synthetic.Variant.PCAP_US.server(),
                Synthetic.kbMessages(true, true), 1460));
        Path cap = tmp.resolve("two.pcap");
        Files.write(cap, Synthetic.pcap(Synthetic.Variant.PCAP_US, pkts));
        return cap;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSessionsOfACaptureWithSmbCapturesFieldNames() throws Exception {
        Path cap = twoClients();
        Table t = Runbook.capture(cap.toString());
        Map<String, Object> json = JSON.std.mapFrom(Scripts.run("ReadCapture", cap.toString(), "--format", "json").out());
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) json.get("sessions");
        assertEquals(sessions.size(), t.rowCount());
        assertTrue(((Map<String, Object>) sessions.get(0)).keySet().containsAll(t.columnNames()), "JSON names: " + t.columnNames());
        for (int i = 0; i < t.rowCount(); i++) {
            assertEquals(sessions.get(i).get("client"), t.stringColumn("client").get(i));
            assertEquals(sessions.get(i).get("session_id"), t.stringColumn("session_id").get(i));
            assertEquals(((Number) sessions.get(i).get("duration_s")).longValue(), t.longColumn("duration_s").get(i));
        }
        // the README's line: anonymous sessions per client
        Table perClient = t.where(t.stringColumn("context").isEqualTo("anonymous")).countBy("client");
        assertEquals(2, perClient.rowCount(), perClient.print());
        assertEquals(0, Runbook.failures().rowCount());
    }

    @Test
    void aFileThatIsNotACaptureIsARowOfFailuresAndTheOthersAreRead() throws Exception {
        Path cap = twoClients();
        Path junk = Files.writeString(tmp.resolve("notes.txt"), "not a capture\n");
        Table t = Runbook.capture(junk.toString(), cap.toString());
        assertEquals(2, t.rowCount());
        assertEquals(1, Runbook.failures().rowCount());
        assertTrue(Runbook.failures().stringColumn("message").get(0).contains("notes.txt"), Runbook.failures().print());
        assertEquals(0, Runbook.capture(junk.toString()).rowCount(), "every file failing: an empty table");
        assertEquals(2, Runbook.failures().rowCount());
    }
}
