package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The per-client tables start with the same two columns, client and client_name, declared and looked up once. */
class ClientColumnsTest {

    static List<String> firstTwo(TableData t) {
        return t.columns().subList(0, 2).stream().map(c -> c.key() + "/" + c.header()).toList();
    }

    @Test
    void everyPerClientTableStartsWithTheClientAndItsName() {
        List<String> expected = firstTwo(new TableData("x").clientColumns());
        assertEquals(List.of("client/Client", "client_name/Name"), expected);
        assertEquals(expected, firstTwo(SessionsView.table(List.of())));
        assertEquals(expected, firstTwo(OpenPipesViews.clients(List.of())));
        assertEquals(expected, firstTwo(NullSessionsView.table(List.of())));
    }

    @Test
    void aClientsNameIsLookedUpByAddress() {
        Map<String, String> names = Map.of("10.0.0.7", "PC7");
        assertEquals("PC7", TableData.clientName(names, "10.0.0.7"));
        assertNull(TableData.clientName(names, "10.0.0.8"));
        assertNull(TableData.clientName(names, null));
    }
}
