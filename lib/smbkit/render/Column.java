package smbkit.render;

import java.util.function.Function;

/**
 * One column: its stable snake_case key (JSON field, CSV header), the header a table shows, its type, and
 * how a table displays a value (durations as h:mm:ss, say); CSV and JSON keep the raw value. A null header
 * keeps the column out of tables (raw flags, say) but in CSV and JSON.
 */
public record Column(String key, String header, Class<?> type, Function<Object, String> display) {

    public static Column of(String key, String header, Class<?> type) {
        return new Column(key, header, type, null);
    }

    public static Column of(String key, String header, Class<?> type, Function<Object, String> display) {
        return new Column(key, header, type, display);
    }
}
