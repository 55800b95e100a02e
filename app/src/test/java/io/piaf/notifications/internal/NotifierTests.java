package io.piaf.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.UserId;
import io.piaf.testing.PiafTest;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@PiafTest
class NotifierTests {

    @Autowired Notifier notifier;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;

    @Test
    void notifying_is_idempotent_on_event_recipient_and_type() {
        var recipient = UserId.random();
        var other = UserId.random();
        var event = UUID.randomUUID();

        notifier.notify(recipient, "payment_received", Map.of("amount", "12.50"), event).block();
        notifier.notify(recipient, "payment_received", Map.of("amount", "12.50"), event).block();
        notifier.notify(recipient, "payment_receipt_ready", Map.of(), event).block();
        notifier.notify(other, "payment_received", Map.of("amount", "12.50"), event).block();

        assertThat(count(recipient)).isEqualTo(2);
        assertThat(count(other)).isEqualTo(1);
        assertThat(db.sql("select array_agg(seq order by seq)::text from notifications.notification where recipient_id = $1")
                .bind(0, recipient.value()).map(r -> r.get(0, String.class)).one().block()).isEqualTo("{1,2}");
    }

    @Test
    void a_notification_rolls_back_with_its_transaction() {
        var recipient = UserId.random();
        var failing = notifier.notify(recipient, "mention", Map.of(), UUID.randomUUID())
                .then(Mono.error(new IllegalStateException("listener failed")));
        StepVerifier.create(TransactionalOperator.create(transactions).transactional(failing)).expectError().verify();
        assertThat(count(recipient)).isZero();
    }

    @Test
    void bad_arguments_are_refused() {
        StepVerifier.create(notifier.notify(UserId.random(), "Not A Type", Map.of(), UUID.randomUUID()))
                .expectError(IllegalArgumentException.class).verify();
        StepVerifier.create(notifier.notify(UserId.random(), "mention", Map.of(), null))
                .expectError(IllegalArgumentException.class).verify();
    }

    long count(UserId recipient) {
        return db.sql("select count(*) from notifications.notification where recipient_id = $1").bind(0, recipient.value())
                .map(r -> r.get(0, Long.class)).one().block();
    }
}
