package io.piaf.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * bench/timeline/timeline.sql is what pgbench runs to compare the raw SQL with the HTTP API: it must stay the query
 * the application runs for a first page. Run with -Dbench.write=true to rewrite it after changing the query.
 */
class TimelineBenchSqlTests {

    static final Path FILE = Path.of("../bench/timeline/timeline.sql");

    static String benchSql() {
        return "-- Generated from ItemStore.TIMELINE by TimelineBenchSqlTests: a first page of 20 (+1 to know if there is more).\n"
                + "-- The reader ($1) comes from :READER, which bench/timeline/run replaces.\n"
                + ItemStore.TIMELINE
                        .replaceFirst("^with ", "with reader as (select :READER as id), ")
                        .replace("$1", "(select id from reader)")
                        .replace("$2", "9223372036854775807")
                        .replace("$3", "21")
                + ";\n";
    }

    @Test
    void pgbench_runs_the_applications_timeline_query() throws IOException {
        if (Boolean.getBoolean("bench.write")) {
            Files.writeString(FILE, benchSql());
        }
        assertThat(Files.readString(FILE)).isEqualTo(benchSql());
    }
}
