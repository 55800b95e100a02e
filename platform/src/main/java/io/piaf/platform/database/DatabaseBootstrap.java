package io.piaf.platform.database;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Brings the database up before any bean reads its URL: starts the embedded PostgreSQL unless
 * {@code spring.r2dbc.url} points to an external server, then migrates every module's schema with Flyway over JDBC
 * (no DataSource bean, so R2DBC's transaction manager stays the only one). The server is registered as the first
 * disposable bean of the context, hence stopped last, after everything that uses it.
 */
public class DatabaseBootstrap implements ApplicationListener<ApplicationEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final String DEFAULT_ORDER = "outbox,identity,messaging,payments,savings,cards,crypto,commerce,notifications";

    private EmbeddedPostgresServer server;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            prepare(prepared.getEnvironment(), prepared.getSpringApplication().getClassLoader());
        } else if (event instanceof ApplicationPreparedEvent prepared && server != null) {
            var running = server;
            server = null;
            var beans = (DefaultListableBeanFactory) prepared.getApplicationContext().getBeanFactory();
            beans.registerDisposableBean("piafEmbeddedPostgres", running::release);
        }
    }

    private void prepare(ConfigurableEnvironment env, ClassLoader classLoader) {
        if (!env.getProperty("piaf.database.enabled", Boolean.class, true)) {
            return;
        }
        if (!env.containsProperty("spring.r2dbc.url")) {
            if (!env.getProperty("piaf.database.embedded.allowed", Boolean.class, true)) {
                throw new IllegalStateException("No database configured: this profile (prod) does not start the embedded "
                        + "PostgreSQL. Set SPRING_R2DBC_URL, SPRING_R2DBC_USERNAME, SPRING_R2DBC_PASSWORD and SPRING_FLYWAY_URL, "
                        + "SPRING_FLYWAY_USER, SPRING_FLYWAY_PASSWORD to your PostgreSQL.");
            }
            var dataDir = Path.of(env.getProperty("piaf.database.embedded.data-dir", "data/postgres"));
            var port = env.getProperty("piaf.database.embedded.port", Integer.class, 0);
            var clean = env.getProperty("piaf.database.embedded.clean", Boolean.class, false);
            server = EmbeddedPostgresServer.acquire(dataDir, port, clean);
            var props = new LinkedHashMap<String, Object>();
            props.put("spring.r2dbc.url", "r2dbc:postgresql://localhost:" + server.port() + "/postgres");
            props.put("spring.r2dbc.username", "postgres");
            props.put("spring.r2dbc.password", server.password());
            props.put("spring.flyway.url", "jdbc:postgresql://localhost:" + server.port() + "/postgres");
            props.put("spring.flyway.user", "postgres");
            props.put("spring.flyway.password", server.password());
            env.getPropertySources().addFirst(new MapPropertySource("piafEmbeddedPostgres", props));
        } else {
            log.info("Using the external PostgreSQL at {}", env.getProperty("spring.r2dbc.url"));
        }
        var jdbcUrl = env.getProperty("spring.flyway.url");
        if (jdbcUrl == null) {
            throw new IllegalStateException("spring.r2dbc.url is set but spring.flyway.url is not: Flyway migrates over "
                    + "JDBC, set SPRING_FLYWAY_URL (and SPRING_FLYWAY_USER/SPRING_FLYWAY_PASSWORD) to the same database");
        }
        List<String> order = Arrays.asList(env.getProperty("piaf.database.module-order", DEFAULT_ORDER).split(","));
        ModuleMigrations.migrate(classLoader, jdbcUrl, env.getProperty("spring.flyway.user"),
                env.getProperty("spring.flyway.password"), order, io.piaf.platform.modules.ModuleSelection.from(env)::runs,
                java.util.Map.of("secrets_dir", env.getProperty("piaf.secrets.dir", "data/secrets")));
    }

    @Override
    public int getOrder() {
        // After Boot's config data (HIGHEST_PRECEDENCE + 10) and logging (+ 20), before everything else.
        return Ordered.HIGHEST_PRECEDENCE + 30;
    }
}
