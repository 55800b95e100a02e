package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.piaf.testing.Api;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** Idempotency-Key as at Stripe: a retry is answered, never executed twice. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class IdempotencyTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void a_retried_payment_request_gets_the_same_response_and_makes_one_payment() {
        var alice = wallets.payer("retrier", "10.00");
        var bob = api.signUp("bob");
        var key = UUID.randomUUID().toString();
        var body = Map.of("to", "@" + bob.handle(), "amount", Wallets.money("3.00"), "note", "coffee");

        var first = wallets.payRequest(alice, body, key).expectStatus().isCreated().expectBody(String.class).returnResult();
        var second = wallets.payRequest(alice, body, key).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true").expectBody(String.class).returnResult();

        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(payments(alice)).isEqualTo(1);

        wallets.payRequest(alice, Map.of("to", "@" + bob.handle(), "amount", Wallets.money("4.00"), "note", "coffee"), key)
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
        assertThat(payments(alice)).isEqualTo(1);
    }

    @Test
    void keys_belong_to_one_user() {
        var alice = wallets.payer("keyowner", "10.00");
        var carol = wallets.payer("keyother", "10.00");
        var bob = api.signUp("bob");
        var key = UUID.randomUUID().toString();
        var body = Map.of("to", "@" + bob.handle(), "amount", Wallets.money("1.00"));

        var a = wallets.payRequest(alice, body, key).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        var c = wallets.payRequest(carol, body, key).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(a.get("id")).isNotEqualTo(c.get("id"));
        assertThat(c.get("from")).isEqualTo(carol.handle());
    }

    @Test
    void a_refusal_before_anything_happened_is_not_kept_so_a_retry_is_evaluated_again() {
        var alice = wallets.payer("refused", "10.00");
        var handle = Api.uniqueHandle("notyet");
        var key = UUID.randomUUID().toString();
        var body = Map.of("to", "@" + handle, "amount", Wallets.money("1.00"));

        wallets.payRequest(alice, body, key).expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("payee_not_found");
        api.http().post().uri("/api/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("handle", handle, "password", "password-" + handle, "displayName", "Not yet"))
                .exchange().expectStatus().isCreated();
        assertThat(count("select count(*) from payments.idempotency_key where user_id = $1 and key = '" + key + "'", alice)).isZero();
        wallets.payRequest(alice, body, key).expectStatus().isCreated();
        wallets.payRequest(alice, body, key).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");

        var other = UUID.randomUUID().toString();
        wallets.payRequest(alice, Map.of("to", "@" + handle, "amount", Wallets.money("1.001")), other).expectStatus().isBadRequest();
        wallets.payRequest(alice, body, other).expectStatus().isCreated();

        wallets.payRequest(alice, body, "").expectStatus().isBadRequest();
        wallets.payRequest(alice, body, "x".repeat(256)).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("invalid_idempotency_key");
    }

    @Test
    void twenty_concurrent_duplicates_make_one_payment_and_get_one_answer() {
        var alice = wallets.payer("racer", "10.00");
        var bob = api.signUp("bob");
        var key = UUID.randomUUID().toString();
        var body = Map.of("to", "@" + bob.handle(), "amount", Wallets.money("2.00"));

        var responses = Concurrently.run(20, i -> wallets.payRequest(alice, body, key).expectBody(String.class).returnResult());

        assertThat(responses).extracting(r -> r.getStatus().value()).containsOnly(201);
        assertThat(responses).extracting(EntityExchangeResult::getResponseBody).containsOnly(responses.getFirst().getResponseBody());
        assertThat(payments(alice)).isEqualTo(1);
    }

    @Test
    void concurrent_duplicate_top_ups_charge_the_card_once() {
        var alice = api.signUp("topracer");
        var key = UUID.randomUUID().toString();

        var responses = Concurrently.run(10, i -> wallets.topUpRequest(alice, "40.00", Wallets.VISA, key).expectBody(String.class).returnResult());

        assertThat(responses).extracting(r -> r.getStatus().value()).containsOnly(201);
        assertThat(responses).extracting(EntityExchangeResult::getResponseBody).containsOnly(responses.getFirst().getResponseBody());
        assertThat(wallets.balance(alice)).isEqualTo("40.00");
        assertThat(count("select count(*) from payments.top_up where user_id = $1", alice)).isEqualTo(1);

        wallets.topUpRequest(alice, "40.00", Wallets.card("5555555555554444"), key).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
    }

    @Test
    void a_declined_top_up_is_replayed_as_declined() {
        var alice = api.signUp("declinedretry");
        var key = UUID.randomUUID().toString();
        var declined = Wallets.card("4000000000000002");

        wallets.topUpRequest(alice, "40.00", declined, key).expectStatus().isEqualTo(402).expectBody().jsonPath("$.code").isEqualTo("card_declined");
        wallets.topUpRequest(alice, "40.00", declined, key).expectStatus().isEqualTo(402).expectBody()
                .jsonPath("$.code").isEqualTo("card_declined").jsonPath("$.declineCode").doesNotExist();
        assertThat(count("select count(*) from payments.top_up where user_id = $1 and status = 'DECLINED'", alice)).isEqualTo(1);
        assertThat(wallets.balance(alice)).isEqualTo("0.00");
    }

    private long payments(Api.User payer) {
        return count("select count(*) from payments.payment where payer_id = $1", payer);
    }

    private long count(String sql, Api.User user) {
        return db.sql(sql).bind(0, UUID.fromString(user.id())).map(r -> r.get(0, Long.class)).one().block();
    }
}
