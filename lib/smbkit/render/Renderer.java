package smbkit.render;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The only place that turns results into text: tables through Tablesaw's printer, CSV through Commons CSV
 * (Tablesaw's CSV writer needs its Table, see {@link Columns}), JSON as an array of objects with the
 * columns' snake_case keys.
 */
public final class Renderer {

    private Renderer() {}

    public static void print(TableData data, Format format, PrintWriter out) {
        switch (format) {
            case table -> out.println(data.rows().isEmpty() ? "(no " + data.title().toLowerCase(java.util.Locale.ROOT) + ")"
                    : Columns.print(data)); // Tablesaw only here: JSON and CSV load none of its classes
            case csv -> out.print(csv(data));
            case json -> out.println(json(data.rows()));
        }
        out.flush();
    }

    static String text(Object v) {
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }

    /** Raw values under the snake_case keys, one line per row. */
    public static String csv(TableData data) {
        StringWriter w = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
                .setHeader(data.columns().stream().map(Column::key).toArray(String[]::new)).get();
        try (CSVPrinter p = new CSVPrinter(w, format)) {
            for (Map<String, Object> row : data.rows()) {
                p.printRecord(row.values());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write CSV", e);
        }
        return w.toString();
    }

    public static String json(Object value) {
        try {
            return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** An empty user name is a NULL session's: tables say so, JSON and CSV keep the empty string. */
    public static String userName(Object user) {
        return user.toString().isEmpty() ? "(null)" : user.toString();
    }

    /** h:mm:ss, as {@code net session} shows idle time. */
    public static String duration(Object seconds) {
        long s = ((Number) seconds).longValue();
        return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
