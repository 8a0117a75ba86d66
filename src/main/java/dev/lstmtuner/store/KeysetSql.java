package dev.lstmtuner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one sort order for keyset paging: the columns a page is ordered by (exactly an index's columns, so
 * each query is a range read of that index in order) and the conditions for "the rows after this position".
 * <p>
 * A row-value comparison {@code (key, id) > (?, ?)} would not do: the key may be NULL (sorted last) and its direction
 * may differ from the tie-breaker's. So "after" is split into ranges, each an equality on a prefix of the columns and
 * a bound on the next one, read in this order until the page is full: same values and a later tie-breaker; then, for
 * each column from the last to the first, a later value of that column (non-null values first, then NULLs). Each
 * range reads the index from a seek, so a page deep in a campaign costs what the first page costs.
 */
final class KeysetSql {
    /** What of a {@link TrialPosition} a column holds. */
    enum Part { RANK, VALUE, TEXT, TIE }

    record Column(String sql, Part part, boolean descending, boolean nullable, boolean integral) {
        String orderBy() {
            return sql + (descending ? " DESC" : "") + (nullable ? " NULLS LAST" : "");
        }

        Object valueIn(TrialPosition p) {
            return switch (part) {
                case RANK -> p.rankClass();
                case VALUE -> p.value() == null ? null : integral ? (Object) (long) p.value().doubleValue() : p.value();
                case TEXT -> p.text();
                case TIE -> p.tie();
            };
        }
    }

    /** One range of "after": a condition and its bind values. */
    record Range(String condition, List<Object> binds) {
    }

    private final String from;
    private final String select;
    private final String prefixOrder;
    private final List<Column> columns;

    private KeysetSql(String from, String select, String prefixOrder, List<Column> columns) {
        this.from = from;
        this.select = select;
        this.prefixOrder = prefixOrder;
        this.columns = columns;
    }

    /** A metric sort over {@code trial t}: rank class, the metric (nulls last), the trial number. */
    static KeysetSql metric(SortColumn m, boolean descending) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("t.rank_class", Part.RANK, false, false, true));
        String col = "t." + m.column();
        if (m.equals(SortColumn.NUMBER)) {
            cols.add(new Column(col, Part.VALUE, descending, false, true));
        } else {
            // integer columns are bound as integers, so the database compares without a cast and keeps the index
            cols.add(new Column(col, Part.VALUE, descending, true, m.integral()));
            cols.add(new Column("t.number", Part.TIE, false, false, true));
        }
        return new KeysetSql(" FROM trial t", "SELECT t.id, t.rank_class, " + col + " AS sort_value, "
                + "CAST(NULL AS VARCHAR(1)) AS sort_text, t.number AS tie", "t.campaign_id", cols);
    }

    /** A param sort over {@code trial_param p}: rank class, number, text (nulls last each), the trial id. */
    static KeysetSql param(boolean descending) {
        List<Column> cols = List.of(new Column("p.rank_class", Part.RANK, false, false, true),
                new Column("p.num_value", Part.VALUE, descending, true, false),
                new Column("p.str_value", Part.TEXT, descending, true, false),
                new Column("p.trial_id", Part.TIE, false, false, true));
        return new KeysetSql(" FROM trial_param p", "SELECT p.trial_id AS id, p.rank_class, p.num_value AS sort_value, "
                + "p.str_value AS sort_text, p.trial_id AS tie", "p.campaign_id, p.name", cols);
    }

    /** The page query for rows matching {@code where} (and {@code range}, if any), in index order. */
    String query(String where, Range range, boolean offset) {
        StringBuilder order = new StringBuilder(" ORDER BY ").append(prefixOrder);
        for (Column c : columns) order.append(", ").append(c.orderBy());
        return select + from + where + (range == null ? "" : " AND " + range.condition()) + order
                + " LIMIT ?" + (offset ? " OFFSET ?" : "");
    }

    /**
     * The ranges that together hold every row after {@code p}, in sort order. With {@code fixedRank} (a state filter)
     * the rows of later rank classes are not asked for.
     */
    List<Range> after(TrialPosition p, boolean fixedRank) {
        List<Range> out = new ArrayList<>();
        for (int i = columns.size() - 1; i >= (fixedRank ? 1 : 0); i--) {
            StringBuilder prefix = new StringBuilder();
            List<Object> binds = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                Column c = columns.get(j);
                Object v = c.valueIn(p);
                if (!prefix.isEmpty()) prefix.append(" AND ");
                if (v == null) {
                    prefix.append(c.sql()).append(" IS NULL");
                } else {
                    prefix.append(c.sql()).append(" = ?");
                    binds.add(v);
                }
            }
            String and = prefix.isEmpty() ? "" : prefix + " AND ";
            Column c = columns.get(i);
            Object v = c.valueIn(p);
            // NULL sorts last: nothing follows it in this column, and NULLs follow every value
            if (v == null) continue;
            List<Object> later = new ArrayList<>(binds);
            later.add(v);
            out.add(new Range(and + c.sql() + (c.descending() ? " < ?" : " > ?"), later));
            if (c.nullable()) out.add(new Range(and + c.sql() + " IS NULL", binds));
        }
        return out;
    }

    /** Binds a range's values from {@code index}; returns the next index. */
    static int bind(PreparedStatement ps, int index, Range range) throws SQLException {
        if (range == null) return index;
        for (Object v : range.binds()) {
            if (v instanceof Integer i) ps.setInt(index++, i);
            else if (v instanceof Long l) ps.setLong(index++, l);
            else if (v instanceof Double d) ps.setDouble(index++, d);
            else ps.setString(index++, (String) v);
        }
        return index;
    }

    /** The position of the current row of a page query. */
    static TrialPosition position(ResultSet rs) throws SQLException {
        Object v = rs.getObject("sort_value");
        return new TrialPosition(rs.getInt("rank_class"), v == null ? null : ((Number) v).doubleValue(),
                rs.getString("sort_text"), rs.getLong("tie"));
    }
}
