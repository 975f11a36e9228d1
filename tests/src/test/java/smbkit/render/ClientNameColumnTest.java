package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import smbkit.kb.ClientActivity;
import smbkit.kb.NullClient;
import smbkit.kb.NullSessionAnalysis;
import smbkit.kb.NullSessionVerdict;
import smbkit.kb.SessionCount;
import smbkit.kb.SessionLimit;
import smbkit.model.Session;

/**
 * {@code client_name} beside {@code client} in every session listing: in JSON and CSV always (null when unknown),
 * in tables only when a name is known; the HTML reports show the name beside the address.
 */
class ClientNameColumnTest {

    static final Map<String, String> NAMES = Map.of("10.0.0.3", "LABWG-PC2");

    @Test
    void sessionsCarryClientName() {
        List<Session> s = List.of(SamplesReportTest.nul("10.0.0.3", 400), SamplesReportTest.nul("10.0.0.4", 400));
        TableData t = SessionsView.table(s, NAMES);
        assertEquals("LABWG-PC2", t.rows().get(0).get("client_name"));
        assertTrue(t.rows().get(1).containsKey("client_name"));
        assertNull(t.rows().get(1).get("client_name"));
        assertTrue(Renderer.json(t.rows()).contains("\"client_name\" : null"), Renderer.json(t.rows()));
        assertTrue(Renderer.csv(t).startsWith("client,client_name,"), Renderer.csv(t));
        assertTrue(Columns.print(t).contains("LABWG-PC2"));
        assertFalse(Columns.print(SessionsView.table(s)).contains("Name"), "no name known: no column in the table");
        assertTrue(Renderer.json(SessionsView.table(s).rows()).contains("\"client_name\" : null"));
    }

    @Test
    void nullSessionsAndClientsCarryClientName() {
        List<NullClient> clients = NullSessionAnalysis.analyse(SamplesReportTest.workstation(), List.of(), true);
        TableData t = NullSessionsView.table(clients, NAMES);
        Map<String, Object> row = t.rows().stream().filter(r -> r.get("client").equals("10.0.0.3")).findFirst().orElseThrow();
        assertEquals("LABWG-PC2", row.get("client_name"));
        List<ClientActivity> activity = ClientActivity.join(SamplesReportTest.workstation().get(0).sessions(), List.of(), List.of());
        TableData c = OpenPipesViews.clients(activity, NAMES);
        Map<String, Object> r = c.rows().stream().filter(x -> x.get("client").equals("10.0.0.3")).findFirst().orElseThrow();
        assertEquals("LABWG-PC2", r.get("client_name"));
        assertTrue(c.rows().stream().filter(x -> !x.get("client").equals("10.0.0.3")).allMatch(x -> x.containsKey("client_name") && x.get("client_name") == null));
    }

    @Test
    void samplesReportShowsTheNameBesideTheAddress() {
        var samples = SamplesReportTest.workstation();
        List<NullClient> clients = NullSessionAnalysis.analyse(samples, List.of(), true);
        SessionCount count = SessionCount.of(samples.get(samples.size() - 1).sessions(), SessionLimit.of(SamplesReportTest.WIN_10));
        NullSessionVerdict verdict = NullSessionVerdict.of(clients, count, "10.0.0.1");
        String html = SamplesReport.render("10.0.0.1", samples, clients, count, verdict, null, NAMES);
        assertTrue(html.contains("10.0.0.3 (LABWG-PC2)"), "timeline and the table of every session");
        assertTrue(html.contains("<td>LABWG-PC2</td>"), "the table per client's Name column");
        assertFalse(SamplesReport.render("10.0.0.1", samples, clients, count, verdict, null).contains("LABWG-PC2"));
    }

    @Test
    void diagnosisReportShowsTheNameBesideTheAddress() {
        String html = HtmlReport.render(List.of(HtmlReportTest.workstation("10.0.0.2", 3)), Map.of("127.0.0.3", "LABWG-PC3"));
        assertTrue(html.contains("127.0.0.3 (LABWG-PC3)"), "the chart's label");
        assertTrue(html.contains("<td>LABWG-PC3</td>"), "the sessions table's Name column");
    }
}
