package smbkit.render;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import tech.tablesaw.api.LongColumn;
import tech.tablesaw.columns.Column;

/**
 * The one loop from a step's rows to a Tablesaw column, shared by the printed tables ({@link Columns}: display
 * strings) and the runbooks' typed tables ({@code run.Tables}: JSON types): a null is Tablesaw's missing value
 * (for a string column, ""), any other value goes through the column's own append.
 */
public final class ColumnValues {

    private ColumnValues() {}

    /** {@code col} with the value under {@code key} of each row, in order. */
    public static <C extends Column<?>> C fill(C col, String key, List<Map<String, Object>> rows, BiConsumer<C, Object> append) {
        for (Map<String, Object> r : rows) {
            Object v = r.get(key);
            if (v == null) {
                col.appendMissing();
            } else {
                append.accept(col, v);
            }
        }
        return col;
    }

    /** A column {@code name} of the whole numbers under {@code key}. */
    public static LongColumn longs(String name, String key, List<Map<String, Object>> rows) {
        return fill(LongColumn.create(name), key, rows, (col, v) -> col.append(((Number) v).longValue()));
    }
}
