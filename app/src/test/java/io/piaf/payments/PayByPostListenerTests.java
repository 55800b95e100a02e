package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.UserId;
import io.piaf.messaging.ConversationId;
import io.piaf.messaging.DirectMessageSent;
import io.piaf.messaging.MessageId;
import io.piaf.messaging.PostId;
import io.piaf.messaging.PostPublished;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.EventTypes;
import io.piaf.outbox.Outbox;
import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;
import tools.jackson.databind.json.JsonMapper;

/**
 * Payments' side of pay by post and in a DM, driven by the events messaging publishes (appended here as messaging
 * would): a command becomes a pending payment of the author, or a rejection with its code.
 */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class PayByPostListenerTests {

    /** Where the post or message id sits: in the payment's details, or at the top of a rejection. */
    private static final String SOURCE_ID = "coalesce(payload->'payment'->>'sourceId', payload->>'sourceId')";

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired Outbox outbox;
    @Autowired ReactiveTransactionManager transactions;
    @Autowired JsonMapper json;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void a_post_with_a_command_becomes_a_pending_payment_of_its_author_once() {
        var alice = wallets.payer("poster", "50.00");
        var michel = api.signUp("michel");
        var post = new PostId(UUID.randomUUID());
        var event = post(alice, post, "@piaf #envoyer 12,50 € @" + michel.handle().toUpperCase() + " merci !", Visibility.PUBLIC);

        publish(event);
        publish(event); // delivered twice (a second event for the same post): still one payment

        var requested = awaitEvent(PaymentRequested.class, post.toString());
        var payment = requested.payment();
        assertThat(payment.amount()).isEqualTo(Money.eur(1250));
        assertThat(payment.payer()).isEqualTo(new Party(id(alice), alice.handle()));
        assertThat(payment.payee()).isEqualTo(new Party(id(michel), michel.handle()));
        assertThat(payment.note()).isEqualTo("@piaf merci !");
        assertThat(payment.source()).isEqualTo(PaymentSource.POST);
        assertThat(requested.challenge()).isEqualTo("Pay 12.50 EUR to @" + michel.handle());
        var id = payment.paymentId().toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("select count(*) from outbox.delivery where listener = 'payments.PayByPost'")
                .map(r -> r.get(0, Long.class)).one().block() == 0);
        assertThat(count(PaymentRequested.class, post.toString())).isEqualTo(1);
        assertThat(db.sql("select count(*) from payments.payment where source = 'POST' and source_id = $1").bind(0, post.toString())
                .map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);

        api.get(alice, "/api/payments/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("PENDING_CONFIRMATION")
                .jsonPath("$.source").isEqualTo("POST").jsonPath("$.amount.amount").isEqualTo("12.50");
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isOk();
        assertThat(wallets.balance(michel)).isEqualTo("12.50");
    }

    @Test
    void a_dm_command_pays_the_other_participant_by_default_and_asks_for_a_private_receipt() {
        var alice = wallets.payer("dmer", "50.00");
        var bob = api.signUp("bob");
        var message = new MessageId(UUID.randomUUID());

        publish(new DirectMessageSent(message, new ConversationId(UUID.randomUUID()), id(alice), alice.handle(), id(bob), bob.handle(),
                "#envoyer 20€ pour le loyer", Instant.now()));

        var payment = awaitEvent(PaymentRequested.class, message.toString()).payment();
        assertThat(payment.payee().handle()).isEqualTo(bob.handle());
        assertThat(payment.amount()).isEqualTo(Money.eur(2000));
        assertThat(payment.note()).isEqualTo("le loyer");
        assertThat(payment.source()).isEqualTo(PaymentSource.DM);
        var id = payment.paymentId().toString();
        assertThat(db.sql("select requested_visibility from payments.payment where id = $1").bind(0, UUID.fromString(id))
                .map(r -> r.get(0, String.class)).one().block()).isEqualTo("PRIVATE");
    }

    @Test
    void every_command_that_cannot_become_a_payment_is_rejected_with_its_code() {
        var alice = wallets.payer("rejected", "50.00");
        var noPin = api.signUp("nopin");
        var bob = api.signUp("bob");
        var b = "@" + bob.handle();
        var cases = List.of(
                List.of("#envoyer 20€", "payee_missing"),
                List.of("#envoyer 20€ @ghost_" + UUID.randomUUID().toString().substring(0, 8), "payee_not_found"),
                List.of("#envoyer 12,505€ " + b, "invalid_amount"),
                List.of("#envoyer -5€ " + b, "invalid_amount"),
                List.of("#envoyer 0€ " + b, "invalid_amount"),
                List.of("#envoyer 99999999999999€ " + b, "invalid_amount"),
                List.of("#envoyer 20 dollars " + b, "unsupported_currency"),
                List.of("#envoyer 5€ " + b + " #envoyer 6€ " + b, "multiple_commands"),
                List.of("#envoyer 250,01€ " + b, "limit_exceeded"),
                List.of("#don 5€ " + b, "not_a_charity"),
                List.of("#envoyer 5€ @" + alice.handle(), "self_payment"));
        for (var c : cases) {
            var post = new PostId(UUID.randomUUID());
            publish(post(alice, post, c.get(0), Visibility.PUBLIC));
            var rejected = awaitEvent(PaymentCommandRejected.class, post.toString());
            assertThat(rejected.code()).as(c.get(0)).isEqualTo(c.get(1));
            assertThat(rejected.detail()).isNotBlank();
            assertThat(rejected.author().handle()).isEqualTo(alice.handle());
            assertThat(rejected.source()).isEqualTo(PaymentSource.POST);
        }
        var post = new PostId(UUID.randomUUID());
        publish(post(noPin, post, "#envoyer 5€ " + b, Visibility.PUBLIC));
        assertThat(awaitEvent(PaymentCommandRejected.class, post.toString()).code()).isEqualTo("pin_not_set");

        assertThat(db.sql("select count(*) from payments.payment where payer_id = any($1)")
                .bind(0, new UUID[] { UUID.fromString(alice.id()), UUID.fromString(noPin.id()) })
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void an_ordinary_post_is_left_alone() {
        var alice = wallets.payer("chatty", "5.00");
        var post = new PostId(UUID.randomUUID());
        publish(post(alice, post, "J'adore #paris et #payer mes impôts… non.", Visibility.PUBLIC));
        var marker = new PostId(UUID.randomUUID());
        publish(post(alice, marker, "#envoyer 1€", Visibility.PUBLIC)); // delivered after the first one

        awaitEvent(PaymentCommandRejected.class, marker.toString());
        assertThat(count(PaymentRequested.class, post.toString()) + count(PaymentCommandRejected.class, post.toString())).isZero();
    }

    @Test
    void a_followers_only_post_asks_for_a_receipt_no_more_visible_than_itself() {
        var alice = wallets.payer("discreet", "5.00");
        var bob = api.signUp("bob");
        var post = new PostId(UUID.randomUUID());
        publish(post(alice, post, "#pay 1 EUR @" + bob.handle() + " for coffee", Visibility.FOLLOWERS));

        assertThat(awaitEvent(PaymentRequested.class, post.toString()).payment().note()).isEqualTo("coffee");
        assertThat(db.sql("select requested_visibility from payments.payment where source_id = $1").bind(0, post.toString())
                .map(r -> r.get(0, String.class)).one().block()).isEqualTo("FOLLOWERS");
    }

    private static PostPublished post(Api.User author, PostId id, String text, Visibility visibility) {
        return new PostPublished(id, id(author), author.handle(), text, List.of(), List.of(), visibility, Instant.now());
    }

    private static UserId id(Api.User user) {
        return new UserId(UUID.fromString(user.id()));
    }

    private void publish(Object event) {
        TransactionalOperator.create(transactions).transactional(outbox.append(event)).block();
    }

    /** The first payments event of this type about this post or message, once it exists, read as its consumers do. */
    private <E> E awaitEvent(Class<E> type, String sourceId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> count(type, sourceId) > 0);
        return db.sql("select payload::text from outbox.event where type = $1 and " + SOURCE_ID + " = $2 order by seq limit 1")
                .bind(0, EventTypes.nameOf(type)).bind(1, sourceId)
                .map(r -> r.get(0, String.class)).one()
                .map(payload -> json.readValue(payload, type))
                .block();
    }

    private long count(Class<?> type, String sourceId) {
        return db.sql("select count(*) from outbox.event where type = $1 and " + SOURCE_ID + " = $2")
                .bind(0, EventTypes.nameOf(type)).bind(1, sourceId).map(r -> r.get(0, Long.class)).one().block();
    }
}
