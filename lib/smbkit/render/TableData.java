package smbkit.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A titled table of rows keyed by column: what every script renders, whatever the format. */
public final class TableData {

    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public TableData(String title) {
        this.title = title;
    }

    public TableData column(Column c) {
        columns.add(c);
        return this;
    }

    public TableData column(String key, String header, Class<?> type) {
        return column(Column.of(key, header, type));
    }

    /** Adds a row; values in column order. */
    public TableData row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(title + ": " + values.length + " values for " + columns.size() + " columns");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(columns.get(i).key(), values[i]);
        }
        rows.add(row);
        return this;
    }

    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    /** True when no row has a value in this column: tables leave such columns out. */
    public boolean isEmpty(Column c) {
        return rows.stream().allMatch(r -> r.get(c.key()) == null);
    }

    /** The columns every per-client table starts with: {@code client} (its address) and {@code client_name} (its NetBIOS name). */
    public TableData clientColumns() {
        return column("client", "Client", String.class).column("client_name", "Name", String.class);
    }

    /** {@code client}'s NetBIOS name in {@code names} (by address): the {@code client_name} value, null when unknown. */
    public static String clientName(Map<String, String> names, String client) {
        return client == null ? null : names.get(client);
    }
}
