package io.piaf.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One Flyway run per module: {@code db/migration/<module>} migrates schema {@code <module>} with its own history
 * table, so modules version their tables independently and never share one sequence of version numbers. Only the
 * modules that run in this process are migrated.
 */
final class ModuleMigrations {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    private ModuleMigrations() {
    }

    /**
     * @param placeholders values for migrations, e.g. {@code secrets_dir} for Java migrations that move secrets out
     *        of a table into files
     */
    static void migrate(ClassLoader classLoader, String jdbcUrl, String user, String password, List<String> order,
            java.util.function.Predicate<String> runsHere, java.util.Map<String, String> placeholders) {
        var started = System.nanoTime();
        // A module that runs in another process (piaf.modules.*) keeps its tables there: its schema is not made here.
        var modules = modules(classLoader, order).stream().filter(runsHere).toList();
        for (var module : modules) {
            var result = Flyway.configure(classLoader)
                    .dataSource(jdbcUrl, user, password)
                    .schemas(module)
                    .createSchemas(true)
                    .locations("classpath:db/migration/" + module)
                    .placeholders(placeholders)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info("Schema {} migrated to version {}", module, result.targetSchemaVersion);
            }
        }
        log.info("Schemas {} up to date ({} ms)", modules, (System.nanoTime() - started) / 1_000_000);
    }

    /** Module folders found on the class path, in the configured order first (lower modules before upper ones). */
    static List<String> modules(ClassLoader classLoader, List<String> order) {
        var found = new TreeSet<String>();
        try {
            for (var resource : new PathMatchingResourcePatternResolver(classLoader).getResources("classpath*:db/migration/*/*.sql")) {
                var url = resource.getURL().toString();
                var parts = url.split("/");
                found.add(parts[parts.length - 2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var ordered = new ArrayList<>(found);
        ordered.sort(Comparator.comparingInt((String m) -> order.contains(m) ? order.indexOf(m) : order.size()));
        return ordered;
    }
}
