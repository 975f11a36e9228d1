package smbkit.render;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

/**
 * A Tablesaw relation that only holds columns, for printing. Tablesaw's {@link Table} scans the whole class
 * path with ClassGraph in its static initializer (about half a second per run, longer than the SMB work);
 * its printer, {@link Relation#printAll()}, needs no more than this.
 */
final class Columns extends Relation {

    /** The rows printed as a terminal shows them (Tablesaw's printer): what Renderer's table format prints. */
    static String print(TableData data) {
        return tablesaw(data).printAll();
    }

    /** The data as Tablesaw columns, as a terminal shows them: headers, display values, empty columns left out. */
    static Relation tablesaw(TableData data) {
        Columns t = new Columns(data.title());
        for (smbkit.render.Column c : data.columns()) {
            if (c.header() != null && !data.isEmpty(c)) {
                t.addColumns(column(c, data.rows()));
            }
        }
        return t;
    }

    private static Column<?> column(smbkit.render.Column c, List<Map<String, Object>> rows) {
        if (Number.class.isAssignableFrom(c.type()) && c.display() == null) {
            return ColumnValues.longs(c.header(), c.key(), rows);
        }
        return ColumnValues.fill(StringColumn.create(c.header()), c.key(), rows,
                (col, v) -> col.append(c.display() != null ? c.display().apply(v) : Renderer.text(v)));
    }

    private final List<Column<?>> columns = new ArrayList<>();
    private String name;

    Columns(String name) {
        this.name = name;
    }

    @Override
    public Columns addColumns(Column<?>... cols) {
        columns.addAll(List.of(cols));
        return this;
    }

    @Override
    public Columns setName(String name) {
        this.name = name;
        return this;
    }

    @Override
    public Columns removeColumns(Column<?>... cols) {
        columns.removeAll(List.of(cols));
        return this;
    }

    @Override
    public Table first(int nRows) {
        throw new UnsupportedOperationException("a print-only relation");
    }

    @Override
    public Column<?> column(int columnIndex) {
        return columns.get(columnIndex);
    }

    @Override
    public int columnCount() {
        return columns.size();
    }

    @Override
    public int rowCount() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    @Override
    public List<Column<?>> columns() {
        return List.copyOf(columns);
    }

    @Override
    public int columnIndex(Column<?> col) {
        return columns.indexOf(col);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void clear() {
        columns.forEach(Column::clear);
    }

    @Override
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public Iterator<Row> iterator() {
        throw new UnsupportedOperationException("a print-only relation");
    }
}
