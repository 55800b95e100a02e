package io.piaf.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.payments.internal.domain.Card;
import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** What the scheduled reconciler settles: expired payments, top-ups a crash left pending, old Idempotency-Keys. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class ReconcilerTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    @Autowired PaymentsReconciler reconciler;
    @Autowired Fingerprints fingerprints;
    @Autowired CardRail rail;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void unconfirmed_payments_expire_once_with_their_event() {
        var alice = wallets.payer("sleepy", "10.00");
        var bob = api.signUp("bob");
        var due = wallets.request(alice, bob.handle(), "1.00");
        var notDue = wallets.request(alice, bob.handle(), "2.00");
        sql("update payments.payment set expires_at = now() - interval '1 minute' where id = '" + due + "'");

        reconciler.sweep().block();
        reconciler.sweep().block();

        api.get(alice, "/api/payments/" + due).exchange().expectBody().jsonPath("$.status").isEqualTo("EXPIRED")
                .jsonPath("$.reason").isEqualTo("expired");
        api.get(alice, "/api/payments/" + notDue).exchange().expectBody().jsonPath("$.status").isEqualTo("PENDING_CONFIRMATION");
        assertThat(count("select count(*) from outbox.event where type = 'payments.PaymentExpired' and payload->'payment'->>'paymentId' = '" + due + "'"))
                .isEqualTo(1);
        wallets.confirm(alice, due, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("payment_expired");
        assertThat(wallets.balance(alice)).isEqualTo("10.00");
    }

    @Test
    void a_top_up_charged_before_a_crash_is_credited_and_its_retry_answered() {
        var user = api.signUp("crashed");
        var key = UUID.randomUUID().toString();
        var topUp = UUID.randomUUID();
        var card = Card.of("4242424242424242", 12, 2035, "123", java.time.YearMonth.now());
        var fingerprint = fingerprints.of("POST /api/wallet/top-ups", "3000", card.number(), card.expiry().toString(), card.cvc());
        var walletId = (String) api.get(user, "/api/wallet").exchange().expectBody(Map.class).returnResult().getResponseBody().get("id");
        // The process died after the rail charged the card and before it recorded the outcome.
        db.sql("insert into payments.idempotency_key (user_id, key, fingerprint, locked_until, created_at) values ($1, $2, $3, now() + interval '1 minute', now() - interval '2 minutes')")
                .bind(0, UUID.fromString(user.id())).bind(1, key).bind(2, fingerprint).then().block();
        db.sql("""
                insert into payments.top_up (id, user_id, wallet_id, amount, currency, card_brand, card_last4, status, idempotency_key, created_at)
                values ($1, $2, $3, 3000, 'EUR', 'visa', '4242', 'PENDING', $4, now() - interval '2 minutes')""")
                .bind(0, topUp).bind(1, UUID.fromString(user.id())).bind(2, UUID.fromString(walletId)).bind(3, key).then().block();
        rail.charge(topUp, 3000, card).block();

        reconciler.sweep().block();

        assertThat(wallets.balance(user)).isEqualTo("30.00");
        assertThat(count("select count(*) from payments.top_up where id = '" + topUp + "' and status = 'SUCCEEDED'")).isEqualTo(1);
        wallets.topUpRequest(user, "30.00", Wallets.VISA, key).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().jsonPath("$.id").isEqualTo(topUp.toString()).jsonPath("$.status").isEqualTo("SUCCEEDED");
        assertThat(wallets.balance(user)).as("credited once").isEqualTo("30.00");
    }

    @Test
    void a_top_up_the_rail_never_saw_is_voided_so_it_can_never_be_charged_later() {
        var user = api.signUp("abandoned");
        var topUp = UUID.randomUUID();
        var walletId = (String) api.get(user, "/api/wallet").exchange().expectBody(Map.class).returnResult().getResponseBody().get("id");
        db.sql("""
                insert into payments.top_up (id, user_id, wallet_id, amount, currency, card_brand, card_last4, status, created_at)
                values ($1, $2, $3, 3000, 'EUR', 'visa', '4242', 'PENDING', now() - interval '2 minutes')""")
                .bind(0, topUp).bind(1, UUID.fromString(user.id())).bind(2, UUID.fromString(walletId)).then().block();

        reconciler.sweep().block();

        assertThat(count("select count(*) from payments.top_up where id = '" + topUp + "' and status = 'FAILED' and failure_code = 'abandoned'"))
                .isEqualTo(1);
        var late = rail.charge(topUp, 3000, Card.of("4242424242424242", 12, 2035, "123", java.time.YearMonth.now())).block();
        assertThat(late).isInstanceOf(CardRail.Outcome.Failed.class);
        assertThat(wallets.balance(user)).isEqualTo("0.00");
    }

    @Test
    void idempotency_keys_are_forgotten_after_24_hours() {
        var alice = wallets.payer("forgetful", "10.00");
        var bob = api.signUp("bob");
        var key = UUID.randomUUID().toString();
        wallets.payRequest(alice, Map.of("to", "@" + bob.handle(), "amount", Wallets.money("1.00")), key).expectStatus().isCreated();
        sql("update payments.idempotency_key set created_at = now() - interval '25 hours' where key = '" + key + "'");

        reconciler.sweep().block();

        assertThat(count("select count(*) from payments.idempotency_key where key = '" + key + "'")).isZero();
        wallets.payRequest(alice, Map.of("to", "@" + bob.handle(), "amount", Wallets.money("2.00")), key).expectStatus().isCreated();
    }

    @Test
    void a_key_past_its_retention_starts_a_new_life_even_before_the_sweep() {
        var alice = wallets.payer("oldkey", "10.00");
        var bob = api.signUp("bob");
        var key = UUID.randomUUID().toString();
        wallets.payRequest(alice, Map.of("to", "@" + bob.handle(), "amount", Wallets.money("1.00")), key).expectStatus().isCreated();
        sql("update payments.idempotency_key set created_at = now() - interval '25 hours' where key = '" + key + "'");

        wallets.payRequest(alice, Map.of("to", "@" + bob.handle(), "amount", Wallets.money("2.00")), key).expectStatus().isCreated()
                .expectBody().jsonPath("$.amount.amount").isEqualTo("2.00");
    }

    private void sql(String sql) {
        db.sql(sql).then().block();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }
}
