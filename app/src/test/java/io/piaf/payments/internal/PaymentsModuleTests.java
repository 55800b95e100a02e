package io.piaf.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.identity.internal.TestUsers;
import io.piaf.messaging.PostId;
import io.piaf.messaging.PostPublished;
import io.piaf.messaging.Visibility;
import io.piaf.outbox.Delivered;
import io.piaf.outbox.EventContext;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.Payments;
import io.piaf.payments.Transfer;
import io.piaf.payments.TransferId;
import io.piaf.payments.TransferResult;
import io.piaf.testing.LedgerInvariants;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Payments with the modules it stands on and without those above it (notifications, the web app): creations and
 * confirmations that arrive together are written together, and each still gets its own answer.
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
class PaymentsModuleTests {

    static final String PIN = "3947";

    @Autowired ApplicationContext context;
    @Autowired PaymentRequests requests;
    @Autowired PaymentConfirmations confirmations;
    @Autowired PayCommandListener payByPost;
    @Autowired Payments payments;
    @Autowired Ledger ledger;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;

    @AfterEach
    void the_ledger_adds_up() {
        LedgerInvariants.check(db);
    }

    @Test
    void confirmations_arriving_together_are_each_decided_on_their_own_payer() {
        var payee = TestUsers.person(context, "payee", PIN);
        var payers = IntStream.range(0, 12).mapToObj(i -> funded("payer" + i, 1_000)).toList();
        var amounts = List.of(500L, 500L, 500L, 500L, 500L, 500L, 500L, 500L, 500L, 500L, 5_000L, 500L);
        var ids = IntStream.range(0, 12).mapToObj(i -> created(payers.get(i), payee, amounts.get(i)).id()).toList();

        // every payer confirms at once; the tenth with a wrong PIN, the eleventh beyond its balance
        var outcomes = Flux.range(0, 12)
                .flatMap(i -> confirmations.confirm(payers.get(i), ids.get(i), i == 9 ? "0000" : PIN)
                        .map(p -> p.status().name()).onErrorResume(ProblemException.class, e -> Mono.just(e.code()))
                        .map(outcome -> i + ":" + outcome), 12)
                .collectList().block();

        assertThat(outcomes).hasSize(12).contains("9:invalid_pin", "10:insufficient_funds")
                .filteredOn(o -> o.endsWith(":COMPLETED")).hasSize(10);
        assertThat(ledger.balance(payments.wallet(payee).block().account()).block()).isEqualTo(Money.eur(10 * 500));
        assertThat(confirmations.confirm(payers.getFirst(), ids.getFirst(), PIN).block().status().name())
                .as("confirming again answers the same, nothing moves twice").isEqualTo("COMPLETED");
    }

    @Test
    void only_the_payer_confirms_and_a_stranger_learns_nothing() {
        var payer = funded("payer", 1_000);
        var payee = TestUsers.person(context, "payee", PIN);
        var stranger = TestUsers.person(context, "stranger", PIN);
        var id = created(payer, payee, 100).id();

        assertThatThrownBy(() -> confirmations.confirm(payee, id, PIN).block()).hasFieldOrPropertyWithValue("code", "not_the_payer");
        assertThatThrownBy(() -> confirmations.confirm(stranger, id, PIN).block()).hasFieldOrPropertyWithValue("code", "payment_not_found");
        assertThatThrownBy(() -> confirmations.confirm(payer, id, "12").block()).hasFieldOrPropertyWithValue("code", "invalid_pin_format");
    }

    @Test
    void a_relay_batch_of_posts_becomes_its_payments_and_rejections_at_once() {
        var author = funded("author", 1_000);
        var payee = TestUsers.person(context, "payee", PIN);
        var payeeHandle = handle(payee);
        var posts = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        var texts = List.of("#envoyer 2€ @" + payeeHandle, "#envoyer 3€ @" + payeeHandle + " merci",
                "#envoyer 251€ @" + payeeHandle, "#envoyer 2€ @" + payeeHandle);
        var batch = IntStream.range(0, 4).mapToObj(i -> new Delivered<>(new PostPublished(new PostId(posts.get(i)), author,
                handle(author), texts.get(i), List.of(), List.of(), Visibility.PUBLIC, Instant.now()),
                new EventContext(UUID.randomUUID(), "messaging.PostPublished", 1, Instant.now(), 1))).toList();
        var twice = List.of(batch.get(0), batch.get(1), batch.get(2), batch.get(3), batch.get(0)); // one delivered twice

        TransactionalOperator.create(transactions).transactional(payByPost.onPosts(twice)).block();

        assertThat(db.sql("select source_id, amount from payments.payment where source = 'POST' and source_id = any($1) order by amount")
                .bind(0, posts.stream().map(UUID::toString).toArray(String[]::new))
                .map(r -> r.get(0, String.class) + "=" + r.get(1, Long.class)).all().collectList().block())
                .containsExactlyInAnyOrder(posts.get(0) + "=200", posts.get(3) + "=200", posts.get(1) + "=300");
        assertThat(db.sql("select payload->>'code' from outbox.event where type = 'payments.PaymentCommandRejected' and payload->>'sourceId' = $1")
                .bind(0, posts.get(2).toString()).map(r -> r.get(0, String.class)).one().block()).isEqualTo("limit_exceeded");
    }

    @Test
    void an_idempotency_key_is_claimed_with_its_payment_and_replayed_after() {
        var payer = funded("payer", 1_000);
        var payee = TestUsers.person(context, "payee", PIN);
        var request = new PaymentRequests.NewPayment(payer, handle(payee), 100, null, null, false, PaymentSource.API, null);
        var key = new PaymentRequests.Key("key-" + UUID.randomUUID(), new byte[] { 1, 2, 3 });

        var outcomes = Flux.range(0, 3).flatMap(i -> requests.request(request, key), 3).collectList().block();

        assertThat(outcomes).filteredOn(PaymentRequests.Outcome.Created.class::isInstance).hasSize(1);
        var created = (PaymentRequests.Outcome.Created) outcomes.stream().filter(PaymentRequests.Outcome.Created.class::isInstance).findFirst().orElseThrow();
        outcomes.stream().filter(PaymentRequests.Outcome.Replayed.class::isInstance).forEach(replayed -> assertThat(
                ((PaymentRequests.Outcome.Replayed) replayed).response().block().body()).contains(created.payment().id().toString()));
        var other = new PaymentRequests.NewPayment(payer, handle(payee), 200, null, null, false, PaymentSource.API, null);
        var reused = (PaymentRequests.Outcome.Replayed) requests.request(other, new PaymentRequests.Key(key.value(), new byte[] { 9 })).block();
        assertThatThrownBy(() -> reused.response().block()).hasFieldOrPropertyWithValue("code", "idempotency_key_reused");
        assertThat(db.sql("select count(*) from payments.payment where payer_id = $1").bind(0, payer.value())
                .map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    private UserId funded(String prefix, long cents) {
        var user = TestUsers.person(context, prefix, PIN);
        var wallet = payments.wallet(user).block();
        var funding = ledger.openSystemAccount("TEST_FUNDING").block();
        var posted = TransactionalOperator.create(transactions).transactional(ledger.post(Transfer.between(TransferId.random(),
                "TEST_FUNDING", UUID.randomUUID().toString(), funding, "test funding", wallet.account(), "test funding",
                Money.eur(cents)))).block();
        assertThat(posted).isInstanceOf(TransferResult.Posted.class);
        return user;
    }

    private PaymentRow created(UserId payer, UserId payee, long cents) {
        var outcome = requests.request(new PaymentRequests.NewPayment(payer, handle(payee), cents, null, null, false,
                PaymentSource.API, null), null).block();
        return ((PaymentRequests.Outcome.Created) outcome).payment();
    }

    private String handle(UserId user) {
        payments.wallet(user).block(); // opened now if UserRegistered has not reached payments yet
        return db.sql("select handle from payments.wallet where user_id = $1").bind(0, user.value())
                .map(r -> r.get(0, String.class)).one().block();
    }
}
