package io.piaf.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.testing.PiafTest;
import reactor.core.publisher.Flux;

/**
 * An external sink (Kafka) claims its deliveries strictly in event order: a delivery waiting for its retry holds back
 * the later ones of the same sink, where an in-process listener's later deliveries go ahead. (Same context as
 * {@link OutboxScenarioTests}.)
 */
@PiafTest
@Import(TestListeners.class)
class OrderedClaimTests {

    @Autowired OutboxStore store;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;

    @Test
    void a_delivery_waiting_for_its_retry_holds_back_the_later_ones_of_an_ordered_sink_only() {
        var listener = "ordered.Sink" + Long.toString(System.nanoTime(), 36); // nobody in this JVM delivers it
        var first = event(listener);
        var second = event(listener);
        store.append(List.of(first, second), "test").block();
        db.sql("""
                update outbox.delivery set available_at = now() + interval '1 hour', attempts = 1
                where listener = $1 and seq = (select seq from outbox.event where event_id = $2)""")
                .bind(0, listener).bind(1, first.eventId()).then().block();

        assertThat(claimedAndRolledBack(store.claimDueInOrder(listener, 10))).isEmpty();
        assertThat(claimedAndRolledBack(store.claimDue(listener, 10))).containsExactly(second.eventId());

        db.sql("update outbox.delivery set available_at = now() where listener = $1").bind(0, listener).then().block();
        assertThat(claimedAndRolledBack(store.claimDueInOrder(listener, 10))).containsExactly(first.eventId(), second.eventId());

        // Leaves no undeliverable rows behind for the outbox's health and metrics.
        db.sql("delete from outbox.event where event_id in ($1, $2)").bind(0, first.eventId()).bind(1, second.eventId()).then().block();
    }

    private List<UUID> claimedAndRolledBack(Flux<OutboxStore.Claimed> claim) {
        return TransactionalOperator.create(transactions).execute(tx -> {
            tx.setRollbackOnly();
            return claim.map(OutboxStore.Claimed::eventId);
        }).collectList().block();
    }

    private static OutboxStore.NewEvent event(String listener) {
        return new OutboxStore.NewEvent(UUID.randomUUID(), "ordered.Tested", 1, "{}", new String[] { listener });
    }
}
