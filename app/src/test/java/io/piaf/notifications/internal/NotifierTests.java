package io.piaf.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
    void a_batch_numbers_each_recipients_notifications_in_order_and_skips_what_was_notified() {
        var bob = UserId.random();
        var carol = UserId.random();
        var first = UUID.randomUUID();
        var second = UUID.randomUUID();
        notifier.notify(bob, "payment_received", Map.of("n", "0"), first).block();

        notifier.notifyAll(List.of(
                new Notifier.Notification(bob, "payment_received", Map.of("n", "0"), first), // notified before
                new Notifier.Notification(bob, "payment_received", Map.of("n", "1"), second),
                new Notifier.Notification(carol, "payment_completed", Map.of("n", "2"), second),
                new Notifier.Notification(bob, "payment_completed", Map.of("n", "3"), second),
                new Notifier.Notification(bob, "payment_completed", Map.of("n", "3"), second))) // twice in one batch
                .block();

        assertThat(db.sql("select string_agg(seq || ':' || (data->>'n'), ',' order by seq) from notifications.notification where recipient_id = $1")
                .bind(0, bob.value()).map(r -> r.get(0, String.class)).one().block()).isEqualTo("1:0,2:1,3:3");
        assertThat(count(carol)).isEqualTo(1);
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
