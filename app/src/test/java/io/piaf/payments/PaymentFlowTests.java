package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

@PiafTest
@ExtendWith(LedgerInvariants.class)
class PaymentFlowTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void a_payment_waits_for_the_pin_then_moves_the_money_once() {
        var alice = wallets.payer("alice", "100.00");
        var bob = api.signUp("bob");

        var created = wallets.payRequest(alice, Map.of("to", "@" + bob.handle().toUpperCase(), "amount", Wallets.money("12.50"), "note", "pizza"),
                UUID.randomUUID().toString()).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(created).containsEntry("status", "PENDING_CONFIRMATION").containsEntry("from", alice.handle())
                .containsEntry("to", bob.handle()).containsEntry("note", "pizza")
                .containsEntry("amount", Map.of("amount", "12.50", "currency", "EUR"))
                .containsEntry("challenge", Map.of("amount", Map.of("amount", "12.50", "currency", "EUR"), "payee", bob.handle(),
                        "text", "Pay 12.50 EUR to @" + bob.handle()));
        assertThat((String) created.get("expiresAt")).isNotBlank();
        var id = (String) created.get("id");
        assertThat(wallets.balance(alice)).as("nothing moves before the PIN").isEqualTo("100.00");

        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.completedAt").isNotEmpty()
                .jsonPath("$.challenge").doesNotExist();
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("COMPLETED");

        assertThat(wallets.balance(alice)).isEqualTo("87.50");
        assertThat(wallets.balance(bob)).isEqualTo("12.50");
        api.get(alice, "/api/wallet").exchange().expectBody().jsonPath("$.limits.sentToday.amount").isEqualTo("12.50")
                .jsonPath("$.limits.remainingToday.amount").isEqualTo("987.50");
        api.get(alice, "/api/wallet/transactions?limit=1").exchange().expectBody()
                .jsonPath("$.items[0].type").isEqualTo("PAYMENT").jsonPath("$.items[0].direction").isEqualTo("DEBIT")
                .jsonPath("$.items[0].amount.amount").isEqualTo("-12.50").jsonPath("$.items[0].balanceAfter.amount").isEqualTo("87.50")
                .jsonPath("$.items[0].counterparty").isEqualTo(bob.handle())
                .jsonPath("$.items[0].description").isEqualTo("Payment to @" + bob.handle() + " · pizza")
                .jsonPath("$.items[0].reference").isEqualTo(id);
        api.get(bob, "/api/wallet/transactions").exchange().expectBody()
                .jsonPath("$.items[0].direction").isEqualTo("CREDIT").jsonPath("$.items[0].counterparty").isEqualTo(alice.handle())
                .jsonPath("$.items[0].description").isEqualTo("Payment from @" + alice.handle() + " · pizza");
        api.get(bob, "/api/payments/" + id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.amount.amount").isEqualTo("12.50").jsonPath("$.status").isEqualTo("COMPLETED");
        assertThat(events("payments.PaymentCompleted", id)).isEqualTo(1);
        assertThat(events("payments.WalletDebited", id)).isEqualTo(1);
        assertThat(events("payments.WalletCredited", id)).isEqualTo(1);
    }

    @Test
    void funds_are_checked_at_confirmation_and_a_short_payment_stays_pending() {
        var alice = wallets.payer("short", "10.00");
        var bob = api.signUp("bob");
        var id = wallets.request(alice, bob.handle(), "25.00");

        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("insufficient_funds");
        api.get(alice, "/api/payments/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("PENDING_CONFIRMATION");

        wallets.topUp(alice, "20.00");
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isOk();
        assertThat(wallets.balance(alice)).isEqualTo("5.00");
        assertThat(wallets.balance(bob)).isEqualTo("25.00");
    }

    @Test
    void bad_requests_are_refused_with_their_code_and_create_nothing() {
        var alice = wallets.payer("picky", "10.00");
        var bob = api.signUp("bob");
        var noPin = api.signUp("nopin");
        var to = "@" + bob.handle();

        refused(alice, Map.of("to", "@" + alice.handle(), "amount", Wallets.money("1.00")), 422, "self_payment");
        refused(alice, Map.of("to", "@nobody_" + UUID.randomUUID().toString().substring(0, 8), "amount", Wallets.money("1.00")), 422, "payee_not_found");
        refused(alice, Map.of("to", "not a handle!", "amount", Wallets.money("1.00")), 400, "invalid_handle");
        refused(noPin, Map.of("to", to, "amount", Wallets.money("1.00")), 422, "pin_not_set");
        refused(alice, Map.of("to", to, "amount", Wallets.money("250.01")), 422, "limit_exceeded");
        for (var amount : List.of("0", "0.00", "-1.00", "1.001", "1e2", "NaN", "Infinity", "1,50", " 1.00", "", "99999999999")) {
            refused(alice, Map.of("to", to, "amount", Wallets.money(amount)), 400, "invalid_amount");
        }
        refused(alice, Map.of("to", to, "amount", Map.of("amount", 12.5, "currency", "EUR")), 400, "invalid_amount");
        refused(alice, Map.of("to", to, "amount", Map.of("amount", 12, "currency", "EUR")), 400, "invalid_amount");
        refused(alice, Map.of("to", to), 400, "invalid_amount");
        refused(alice, Map.of("to", to, "amount", Map.of("amount", "1.00", "currency", "USD")), 400, "unsupported_currency");
        refused(alice, Map.of("to", to, "amount", Map.of("amount", "1.00")), 400, "unsupported_currency");
        refused(alice, Map.of("to", to, "amount", Wallets.money("1.00"), "visibility", "EVERYONE"), 400, "invalid_visibility");
        refused(alice, Map.of("to", to, "amount", Wallets.money("1.00"), "note", "x".repeat(281)), 400, "invalid_note");

        assertThat(db.sql("select count(*) from payments.payment where payer_id = any($1)")
                .bind(0, new UUID[] { UUID.fromString(alice.id()), UUID.fromString(noPin.id()) })
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void the_per_payment_cap_is_exactly_250_euros_to_a_person() {
        var alice = wallets.payer("capper", "300.00");
        var bob = api.signUp("bob");

        wallets.pay(alice, bob.handle(), "250.00");
        assertThat(wallets.balance(bob)).isEqualTo("250.00");
    }

    @Test
    void only_the_payer_confirms_or_cancels_and_strangers_learn_nothing() {
        var alice = wallets.payer("owner", "50.00");
        var bob = api.signUp("payee");
        var eve = wallets.payer("eve", "10.00");
        var id = wallets.request(alice, bob.handle(), "20.00");

        api.get(eve, "/api/payments/" + id).exchange().expectStatus().isNotFound().expectBody()
                .jsonPath("$.code").isEqualTo("payment_not_found").jsonPath("$.amount").doesNotExist();
        wallets.confirm(eve, id, Wallets.PIN).expectStatus().isNotFound();
        api.post(eve, "/api/payments/" + id + "/cancel", Map.of()).exchange().expectStatus().isNotFound();
        wallets.confirm(bob, id, Wallets.PIN).expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("not_the_payer");
        api.post(bob, "/api/payments/" + id + "/cancel", Map.of()).exchange().expectStatus().isForbidden();
        api.get(eve, "/api/payments/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
        api.get(eve, "/api/payments/not-a-uuid").exchange().expectStatus().isNotFound();

        api.get(alice, "/api/payments/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("PENDING_CONFIRMATION")
                .jsonPath("$.challenge.text").isEqualTo("Pay 20.00 EUR to @" + bob.handle());
        api.get(bob, "/api/payments/" + id).exchange().expectBody().jsonPath("$.challenge").doesNotExist()
                .jsonPath("$.amount.amount").isEqualTo("20.00");
        assertThat(wallets.balance(alice)).isEqualTo("50.00");
        assertThat(wallets.balance(eve)).isEqualTo("10.00");
    }

    @Test
    void the_payer_cancels_a_pending_payment_and_it_can_no_longer_be_confirmed() {
        var alice = wallets.payer("canceller", "50.00");
        var bob = api.signUp("bob");
        var id = wallets.request(alice, bob.handle(), "20.00");

        api.post(alice, "/api/payments/" + id + "/cancel", Map.of()).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CANCELLED").jsonPath("$.reason").isEqualTo("BY_PAYER");
        api.post(alice, "/api/payments/" + id + "/cancel", Map.of()).exchange().expectStatus().isOk();
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("payment_not_pending").jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.paymentStatus").isEqualTo("CANCELLED");
        assertThat(wallets.balance(alice)).isEqualTo("50.00");
        assertThat(events("payments.PaymentCancelled", id)).isEqualTo(1);

        var paid = wallets.pay(alice, bob.handle(), "5.00");
        api.post(alice, "/api/payments/" + paid + "/cancel", Map.of()).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("payment_not_pending");
    }

    @Test
    void an_unconfirmed_payment_expires_and_confirming_it_then_fails_clearly() {
        var alice = wallets.payer("late", "50.00");
        var bob = api.signUp("bob");
        var id = wallets.request(alice, bob.handle(), "20.00");
        assertThat(db.sql("select extract(epoch from expires_at - created_at)::int from payments.payment where id = $1")
                .bind(0, UUID.fromString(id)).map(r -> r.get(0, Integer.class)).one().block()).isEqualTo(15 * 60);
        db.sql("update payments.payment set expires_at = now() - interval '1 second' where id = $1").bind(0, UUID.fromString(id))
                .then().block();

        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("payment_expired").jsonPath("$.status").isEqualTo(409)
                .jsonPath("$.paymentStatus").isEqualTo("EXPIRED");
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("payment_expired");
        api.get(alice, "/api/payments/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("EXPIRED");
        assertThat(events("payments.PaymentExpired", id)).isEqualTo(1);
        assertThat(wallets.balance(alice)).isEqualTo("50.00");
    }

    @Test
    void a_payment_to_a_handle_registered_later_is_refused_then() {
        var alice = wallets.payer("early", "5.00");
        var handle = Api.uniqueHandle("later");
        refused(alice, Map.of("to", "@" + handle, "amount", Wallets.money("1.00")), 422, "payee_not_found");
    }

    private void refused(Api.User payer, Map<String, Object> body, int status, String code) {
        wallets.payRequest(payer, body, UUID.randomUUID().toString()).expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }

    private long events(String type, String paymentId) {
        return db.sql("""
                select count(*) from outbox.event where type = $1
                and (payload->'posting'->>'reference' = $2 or payload->'payment'->>'paymentId' = $2)""")
                .bind(0, type).bind(1, paymentId).map(r -> r.get(0, Long.class)).one().block();
    }
}
