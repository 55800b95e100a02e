package io.piaf.chaos;

import java.sql.Connection;

/** What the chaos audits share: a count read with plain JDBC, and a pause that keeps the interrupt. */
final class AuditSql {

    private AuditSql() {
    }

    /** The first column of the first row of {@code sql} (a count), or -1 when there is no row. */
    static long count(Connection db, String sql) throws Exception {
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
