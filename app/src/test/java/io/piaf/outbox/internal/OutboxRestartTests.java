package io.piaf.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.PiafApplication;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import io.piaf.outbox.Outbox;
import io.piaf.outbox.internal.TestListeners.Pinged;

/**
 * Whole Piaf instances started and stopped inside the test: a crash before delivery, and two instances sharing one
 * database.
 */
class OutboxRestartTests {

    @Test
    void events_committed_before_a_crash_are_delivered_after_the_restart() {
        List<UUID> ids;
        try (var crashed = start("crashed", "piaf.outbox.relay-enabled=false")) {
            var db = crashed.getBean(DatabaseClient.class);
            db.sql(TestListeners.SCHEMA).then().block();
            var events = IntStream.range(0, 50).mapToObj(i -> new Pinged(UUID.randomUUID(), "before crash " + i)).toList();
            ids = events.stream().map(Pinged::id).toList();
            TransactionalOperator.create(crashed.getBean(ReactiveTransactionManager.class))
                    .transactional(crashed.getBean(Outbox.class).appendAll(events)).block();
            // A relay had claimed part of the work in its delivery transaction when the process died.
            var pool = crashed.getBean(ConnectionFactory.class);
            var raw = pool instanceof io.r2dbc.spi.Wrapped<?> w && w.unwrap() instanceof ConnectionFactory inner ? inner : pool;
            var connection = Mono.from(raw.create()).block();
            Mono.from(connection.beginTransaction()).block();
            var claimed = Flux.from(connection.createStatement(
                    "delete from outbox.delivery where listener = 'outbox.test.recorder' and seq in (select seq from outbox.delivery where listener = 'outbox.test.recorder' order by seq limit 10)")
                    .execute()).flatMap(Result::getRowsUpdated).blockLast();
            assertThat(claimed).isEqualTo(10);
            assertThat(effects(db, ids)).isZero();
            // The process dies: its connection drops without a commit, and PostgreSQL rolls the claim back.
            Mono.from(connection.close()).block();
        }

        try (var restarted = start("restarted")) {
            var db = restarted.getBean(DatabaseClient.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> effects(db, ids) == 100);
            assertThat(distinctEffects(db, ids)).isEqualTo(100);
        }
    }

    @Test
    void two_instances_sharing_the_database_deliver_each_event_once() {
        try (var first = start("first"); var second = start("second")) {
            var db = first.getBean(DatabaseClient.class);
            db.sql(TestListeners.SCHEMA).then().block();
            var events = IntStream.range(0, 1000).mapToObj(i -> new Pinged(UUID.randomUUID(), "shared " + i)).toList();
            var ids = events.stream().map(Pinged::id).toList();
            var firstTx = TransactionalOperator.create(first.getBean(ReactiveTransactionManager.class));
            var secondTx = TransactionalOperator.create(second.getBean(ReactiveTransactionManager.class));
            // Appended from both instances in batches, so that both relays are woken and compete.
            for (int i = 0; i < events.size(); i += 50) {
                var batch = events.subList(i, i + 50);
                var tx = (i / 50) % 2 == 0 ? firstTx : secondTx;
                var outbox = (i / 50) % 2 == 0 ? first.getBean(Outbox.class) : second.getBean(Outbox.class);
                tx.transactional(outbox.appendAll(batch)).block();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> effects(db, ids) == 2000);
            assertThat(distinctEffects(db, ids)).as("no listener applied an event twice").isEqualTo(2000);
            // Only the two started here are counted: a cached test context with the same listeners (OutboxScenarioTests',
            // OrderedClaimTests') shares this database and may deliver some too, which the counts above already cover.
            var byInstance = db.sql("select count(distinct instance) from outbox_test.effect where event_id = any($1) and instance in ('first', 'second')")
                    .bind(0, ids.toArray(UUID[]::new)).map(r -> r.get(0, Long.class)).one().block();
            assertThat(byInstance).as("both instances delivered").isEqualTo(2);
        }
    }

    private static ConfigurableApplicationContext start(String instance, String... properties) {
        // Command-line arguments, so that they win over application.yml like a real launch's would.
        var args = new java.util.ArrayList<>(List.of("--server.port=0", "--test.instance=" + instance));
        List.of(properties).forEach(p -> args.add("--" + p));
        return new SpringApplicationBuilder(PiafApplication.class, TestListeners.class)
                .profiles("test")
                .run(args.toArray(String[]::new));
    }

    private static long effects(DatabaseClient db, List<UUID> ids) {
        return db.sql("select count(*) from outbox_test.effect where event_id = any($1)")
                .bind(0, ids.toArray(UUID[]::new)).map(r -> r.get(0, Long.class)).one().block();
    }

    private static long distinctEffects(DatabaseClient db, List<UUID> ids) {
        return db.sql("select count(distinct (event_id, listener)) from outbox_test.effect where event_id = any($1)")
                .bind(0, ids.toArray(UUID[]::new)).map(r -> r.get(0, Long.class)).one().block();
    }
}
