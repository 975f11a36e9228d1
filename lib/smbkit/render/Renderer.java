package smbkit.render;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * The only place that turns results into text: tables through Tablesaw, CSV through Tablesaw's writer,
 * JSON as an array of objects with the columns' snake_case keys.
 */
public final class Renderer {

    private Renderer() {}

    public static void print(TableData data, Format format, PrintWriter out) {
        switch (format) {
            case table -> out.println(tablesaw(data, true).printAll());
            case csv -> out.print(csv(data));
            case json -> out.println(json(data.rows()));
        }
        out.flush();
    }

    /** A Tablesaw table of the data: typed columns, raw values, or display values for a terminal. */
    public static Table tablesaw(TableData data, boolean forDisplay) {
        Table t = Table.create(data.title());
        for (Column c : data.columns()) {
            if (forDisplay && (c.header() == null || (data.isEmpty(c) && !data.rows().isEmpty()))) {
                continue;
            }
            t.addColumns(column(c, data.rows(), forDisplay));
        }
        return t;
    }

    private static tech.tablesaw.columns.Column<?> column(Column c, List<Map<String, Object>> rows, boolean forDisplay) {
        String name = forDisplay ? c.header() : c.key();
        boolean number = Number.class.isAssignableFrom(c.type());
        if (number && !(forDisplay && c.display() != null)) {
            LongColumn col = LongColumn.create(name);
            for (Map<String, Object> r : rows) {
                Object v = r.get(c.key());
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append(((Number) v).longValue());
                }
            }
            return col;
        }
        if (c.type() == Boolean.class && !forDisplay) {
            BooleanColumn col = BooleanColumn.create(name);
            for (Map<String, Object> r : rows) {
                Object v = r.get(c.key());
                if (v == null) {
                    col.appendMissing();
                } else {
                    col.append((Boolean) v);
                }
            }
            return col;
        }
        StringColumn col = StringColumn.create(name);
        for (Map<String, Object> r : rows) {
            Object v = r.get(c.key());
            col.append(v == null ? "" : forDisplay && c.display() != null ? c.display().apply(v) : text(v));
        }
        return col;
    }

    private static String text(Object v) {
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }

    public static String csv(TableData data) {
        StringWriter w = new StringWriter();
        tablesaw(data, false).write().csv(CsvWriteOptions.builder(w).build());
        return w.toString();
    }

    public static String json(Object value) {
        try {
            return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** h:mm:ss, as {@code net session} shows idle time. */
    public static String duration(Object seconds) {
        long s = ((Number) seconds).longValue();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
