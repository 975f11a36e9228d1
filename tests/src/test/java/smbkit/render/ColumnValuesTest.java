package smbkit.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import smbkit.run.Tables;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

/**
 * The printed tables ({@link Columns}) and the runbooks' typed tables ({@link Tables}) fill their columns through
 * one loop: a null is Tablesaw's missing value in both, numbers are longs in both, the rest as each shows it.
 */
class ColumnValuesTest {

    static TableData data() {
        return new TableData("t").column("n", "N", Long.class).column("s", "S", String.class)
                .row(5L, "a").row(null, null).row(7, List.of("x", "y"));
    }

    @Test
    void aNullIsMissingAndTheRestAppended() {
        LongColumn c = ColumnValues.longs("N", "n", data().rows());
        assertEquals(3, c.size());
        assertEquals(5L, c.get(0));
        assertTrue(c.isMissing(1));
        assertEquals(7L, c.get(2));
        StringColumn s = ColumnValues.fill(StringColumn.create("S"), "s", data().rows(), (col, v) -> col.append(v.toString()));
        assertEquals(List.of("a", "", "[x, y]"), s.asList());
        assertTrue(s.isMissing(1));
    }

    @Test
    void printedAndTypedTablesAgreeOnMissingValues() {
        Relation printed = Columns.tablesaw(data());
        var typed = Tables.of(data());
        for (int i = 0; i < 2; i++) {
            Column<?> p = printed.column(i);
            Column<?> t = typed.column(i);
            assertEquals(p.size(), t.size());
            for (int row = 0; row < p.size(); row++) {
                assertEquals(p.isMissing(row), t.isMissing(row), p.name() + " row " + row);
            }
        }
        assertTrue(printed.column(0) instanceof LongColumn && typed.column(0) instanceof LongColumn);
        assertEquals("x; y", typed.column(1).getString(2));
        assertFalse(typed.column(1).isMissing(0));
    }
}
