package smbkit.run;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import smbkit.render.Column;
import smbkit.render.ColumnValues;
import smbkit.render.TableData;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A step's rows as a Tablesaw {@link Table} whose column names are the step's JSON field names, typed as the
 * JSON is (numbers long or double, flags boolean, lists joined with "; "), for runbooks to filter, group and
 * join. Loading {@link Table} scans the class path (about half a second): only runbooks and reports come here,
 * never a one-liner's path.
 */
public final class Tables {

    private Tables() {}

    /** The rows as a table named after the step's title. */
    public static Table of(TableData data) {
        return of(data, null);
    }

    /** The rows with a leading {@code host} column (unless the step has one already), every row of that host. */
    public static Table of(TableData data, String host) {
        Table t = Table.create(data.title());
        boolean addHost = host != null && data.columns().stream().noneMatch(c -> c.key().equals("host"));
        if (addHost) {
            StringColumn h = StringColumn.create("host");
            data.rows().forEach(r -> h.append(host));
            t.addColumns(h);
        }
        for (Column c : data.columns()) {
            t.addColumns(column(c, data.rows()));
        }
        return t;
    }

    /** An empty table with a step's columns (and {@code host}): what a call over hosts that all failed returns. */
    public static Table empty(TableData shape, boolean withHost) {
        return of(shape, withHost ? "" : null).emptyCopy();
    }

    /** Appends the rows of {@code more} (the same columns) to {@code into}. */
    public static Table append(Table into, Table more) {
        return into == null ? more : into.append(more);
    }

    private static tech.tablesaw.columns.Column<?> column(Column c, List<Map<String, Object>> rows) {
        Class<?> type = c.type();
        if (type == Long.class || type == Integer.class || type == Short.class) {
            return ColumnValues.longs(c.key(), c.key(), rows);
        }
        if (type == Double.class || type == Float.class) {
            return ColumnValues.fill(DoubleColumn.create(c.key()), c.key(), rows, (col, v) -> col.append(((Number) v).doubleValue()));
        }
        if (type == Boolean.class) {
            return ColumnValues.fill(BooleanColumn.create(c.key()), c.key(), rows, (col, v) -> col.append((Boolean) v));
        }
        return ColumnValues.fill(StringColumn.create(c.key()), c.key(), rows, (col, v) -> col.append(text(v)));
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Collection<?> list) {
            return String.join("; ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }
}
