package io.piaf.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.outbox.Outbox;
import io.piaf.outbox.internal.TestListeners.Pinged;
import io.piaf.outbox.internal.TestListeners.Recorder;
import io.piaf.testing.PiafTest;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@PiafTest
@Import(TestListeners.class)
class OutboxScenarioTests {

    @Autowired Outbox outbox;
    @Autowired Recorder recorder;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;
    @Autowired DeliveryDispatcher dispatcher;
    @Autowired OutboxStore store;

    TransactionalOperator transactional;

    @BeforeEach
    void schema() {
        transactional = TransactionalOperator.create(transactions);
        db.sql(TestListeners.SCHEMA).then().block();
    }

    @Test
    void a_committed_event_reaches_each_listener_once() {
        var event = new Pinged(UUID.randomUUID(), "hello");

        transactional.transactional(outbox.append(event)).block();

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(event.id(), "recorder") == 1 && effects(event.id(), "bystander") == 1);
        assertThat(recorder.callsTo("recorder", event.id())).isEqualTo(1);
        assertThat(pendingDeliveries(event.id())).isZero();
    }

    @Test
    void a_rolled_back_transaction_delivers_nothing() throws InterruptedException {
        var event = new Pinged(UUID.randomUUID(), "never");

        var failed = transactional.transactional(outbox.append(event).then(Mono.error(new IllegalStateException("business rule broken"))));
        StepVerifier.create(failed).expectErrorMessage("business rule broken").verify();

        Thread.sleep(700); // several relay polls
        assertThat(recorder.callsTo("recorder", event.id())).isZero();
        assertThat(storedEvents(event.id())).isZero();
    }

    @Test
    void events_flushed_before_the_commit_keep_their_order_and_still_roll_back_with_it() {
        var first = new Pinged(UUID.randomUUID(), "first");
        var second = new Pinged(UUID.randomUUID(), "second");
        var seenInside = transactional.transactional(outbox.append(first).then(countInTransaction(first.id()))
                .flatMap(before -> outbox.flush().then(countInTransaction(first.id())).map(after -> reactor.util.function.Tuples.of(before, after)))
                .flatMap(seen -> outbox.append(second).thenReturn(seen))).block();
        assertThat(seenInside.getT1()).as("appended: written at the commit").isZero();
        assertThat(seenInside.getT2()).as("flushed: written now, in the transaction").isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(first.id(), "recorder") == 1 && effects(second.id(), "recorder") == 1);
        assertThat(seq(first.id())).isLessThan(seq(second.id()));

        var lost = new Pinged(UUID.randomUUID(), "flushed, then rolled back");
        var failed = transactional.transactional(outbox.append(lost).then(outbox.flush()).then(Mono.error(new IllegalStateException("later failure"))));
        StepVerifier.create(failed).expectErrorMessage("later failure").verify();
        assertThat(storedEvents(lost.id())).isZero();
    }

    @Test
    void an_event_appended_outside_a_transaction_is_refused() {
        var event = new Pinged(UUID.randomUUID(), "loose");

        StepVerifier.create(outbox.append(event))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("needs the R2DBC transaction"))
                .verify();
        assertThat(storedEvents(event.id())).isZero();
    }

    @Test
    void a_failing_listener_is_retried_with_backoff_without_rerunning_the_others() {
        var event = new Pinged(UUID.randomUUID(), "fail:2");

        transactional.transactional(outbox.append(event)).block();

        await().atMost(Duration.ofSeconds(15)).until(() -> effects(event.id(), "recorder") == 1);
        assertThat(recorder.calls).filteredOn(c -> c.eventId().equals(event.id()) && c.listener().equals("recorder"))
                .as("two failed attempts, then success").extracting(TestListeners.Call::attempt).containsOnly(1, 2, 3).endsWith(3);
        assertThat(recorder.callsTo("bystander", event.id())).as("the other listener is not re-run").isEqualTo(1);
        assertThat(effects(event.id(), "bystander")).isEqualTo(1);
        assertThat(pendingDeliveries(event.id())).isZero();
    }

    @Test
    void a_failing_delivery_is_visible_with_its_error_until_it_succeeds() {
        var event = new Pinged(UUID.randomUUID(), "fail:3");

        transactional.transactional(outbox.append(event)).block();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> store.failing(100).collectList().block()
                .stream().anyMatch(f -> f.listener().equals("outbox.test.recorder") && f.lastError().contains("injected failure")));
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(event.id(), "recorder") == 1);
        assertThat(pendingDeliveries(event.id())).isZero();
    }

    @Test
    void a_duplicate_delivery_has_one_effect() {
        var event = new Pinged(UUID.randomUUID(), "twice");
        transactional.transactional(outbox.append(event)).block();
        await().atMost(Duration.ofSeconds(10)).until(() -> effects(event.id(), "recorder") == 1);

        // The same delivery handed over again (a second relay, a replayed batch): nothing left to complete.
        var seq = db.sql("select seq from outbox.event where payload->>'id' = $1").bind(0, event.id().toString()).map(r -> r.get(0, Long.class)).one().block();
        var replay = new OutboxStore.Claimed(seq, "outbox.test.recorder", 0, event.id(), "outbox.internal.TestListeners.Pinged", 1,
                ("{\"id\":\"" + event.id() + "\",\"text\":\"twice\"}").getBytes(), java.time.Instant.now());
        var outcome = dispatcher.deliverAlone(replay).block();

        assertThat(outcome).isEqualTo(DeliveryDispatcher.Outcome.ALREADY_DONE);
        assertThat(effects(event.id(), "recorder")).isEqualTo(1);
    }

    @Test
    void many_events_committed_together_are_all_delivered_once() {
        var events = java.util.stream.IntStream.range(0, 300).mapToObj(i -> new Pinged(UUID.randomUUID(), "bulk " + i)).toList();

        transactional.transactional(outbox.appendAll(events)).block();

        var ids = events.stream().map(Pinged::id).toList();
        // Each listener drains on its own: wait for both, then check that nothing ran twice.
        await().atMost(Duration.ofSeconds(20)).until(() -> effectsOfAll(ids, "recorder") == 300 && effectsOfAll(ids, "bystander") == 300);
        assertThat(distinctEffects(ids)).isEqualTo(600);
        assertThat(effectsOfAll(ids, "recorder") + effectsOfAll(ids, "bystander")).isEqualTo(600);
    }

    @Test
    void a_transactions_events_are_stored_in_the_order_they_were_appended() {
        var events = java.util.stream.IntStream.range(0, 5).mapToObj(i -> new Pinged(UUID.randomUUID(), "ordered " + i)).toList();

        transactional.transactional(outbox.appendAll(events)).block();

        var stored = db.sql("select payload->>'id' as id from outbox.event where payload->>'id' = any($1) order by seq")
                .bind(0, events.stream().map(e -> e.id().toString()).toArray(String[]::new))
                .map(r -> UUID.fromString(r.get("id", String.class))).all().collectList().block();
        assertThat(stored).containsExactlyElementsOf(events.stream().map(Pinged::id).toList());
    }

    @Test
    void the_inbox_forgets_kafka_records_after_its_retention_and_remembers_newer_ones() {
        var old = UUID.randomUUID();
        var recent = UUID.randomUUID();
        db.sql("insert into outbox.inbox (listener, event_id, received_at) values ('scenario.inbox', $1, now() - interval '9 days'), "
                + "('scenario.inbox', $2, now() - interval '7 days')").bind(0, old).bind(1, recent).then().block();

        var purged = store.purgeInbox(Duration.ofDays(8)).block();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        var left = db.sql("select event_id from outbox.inbox where listener = 'scenario.inbox'")
                .map(r -> r.get("event_id", UUID.class)).all().collectList().block();
        assertThat(left).containsExactly(recent);
    }

    private long effects(UUID eventId, String listener) {
        return db.sql("select count(*) from outbox_test.effect where event_id = $1 and listener = $2")
                .bind(0, eventId).bind(1, listener).map(r -> r.get(0, Long.class)).one().block();
    }

    private long effectsOfAll(List<UUID> ids, String listener) {
        return db.sql("select count(*) from outbox_test.effect where event_id = any($1) and listener = $2")
                .bind(0, ids.toArray(UUID[]::new)).bind(1, listener).map(r -> r.get(0, Long.class)).one().block();
    }

    private long distinctEffects(List<UUID> ids) {
        return db.sql("select count(distinct (event_id, listener)) from outbox_test.effect where event_id = any($1)")
                .bind(0, ids.toArray(UUID[]::new)).map(r -> r.get(0, Long.class)).one().block();
    }

    /** Counted in the caller's transaction when there is one (the statement joins it). */
    private Mono<Long> countInTransaction(UUID eventId) {
        return db.sql("select count(*) from outbox.event where payload->>'id' = $1").bind(0, eventId.toString())
                .map(r -> r.get(0, Long.class)).one();
    }

    private long seq(UUID eventId) {
        return db.sql("select seq from outbox.event where payload->>'id' = $1").bind(0, eventId.toString())
                .map(r -> r.get(0, Long.class)).one().block();
    }

    private long storedEvents(UUID eventId) {
        return countInTransaction(eventId).block();
    }

    private long pendingDeliveries(UUID eventId) {
        return db.sql("select count(*) from outbox.delivery d join outbox.event e using (seq) where e.payload->>'id' = $1")
                .bind(0, eventId.toString()).map(r -> r.get(0, Long.class)).one().block();
    }
}
