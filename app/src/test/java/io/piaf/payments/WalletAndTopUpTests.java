package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

@PiafTest
@ExtendWith(LedgerInvariants.class)
class WalletAndTopUpTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void a_new_user_has_an_empty_wallet_with_its_limits_and_its_id_on_me() {
        var user = api.signUp("fresh");

        var me = api.get(user, "/api/me").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        api.get(user, "/api/wallet").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(me.get("walletId"))
                .jsonPath("$.balance.amount").isEqualTo("0.00")
                .jsonPath("$.balance.currency").isEqualTo("EUR")
                .jsonPath("$.limits.perPaymentToPerson.amount").isEqualTo("250.00")
                .jsonPath("$.limits.perPaymentToCharity.amount").isEqualTo("500.00")
                .jsonPath("$.limits.daily.amount").isEqualTo("1000.00")
                .jsonPath("$.limits.remainingToday.amount").isEqualTo("1000.00")
                .jsonPath("$.limits.maxTopUp.amount").isEqualTo("1000.00");
        assertThat((String) me.get("walletId")).isNotBlank();
    }

    @Test
    void a_test_card_tops_up_the_wallet_and_only_brand_and_last4_are_kept() {
        var user = api.signUp("topper");

        var body = wallets.topUpRequest(user, "50.00", Wallets.VISA, UUID.randomUUID().toString())
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(body).containsEntry("status", "SUCCEEDED")
                .containsEntry("amount", Map.of("amount", "50.00", "currency", "EUR"))
                .containsEntry("card", Map.of("brand", "visa", "last4", "4242"))
                .containsEntry("balance", Map.of("amount", "50.00", "currency", "EUR"));
        assertThat(wallets.balance(user)).isEqualTo("50.00");
        api.get(user, "/api/wallet/transactions").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].type").isEqualTo("TOP_UP")
                .jsonPath("$.items[0].direction").isEqualTo("CREDIT")
                .jsonPath("$.items[0].amount.amount").isEqualTo("50.00")
                .jsonPath("$.items[0].balanceAfter.amount").isEqualTo("50.00")
                .jsonPath("$.items[0].description").isEqualTo("Top-up · visa •••• 4242")
                .jsonPath("$.items[0].reference").isEqualTo(body.get("id"));
        assertThat(textsContaining("4242424242424242")).as("tables and events holding the card number").isEmpty();
    }

    @Test
    void every_decline_gets_the_same_answer_so_that_card_testing_learns_nothing() {
        var answers = new java.util.HashSet<String>();
        // generic, insufficient funds, expired, wrong CVC, and a "live" card in the sandbox
        for (var number : List.of("4000000000000002", "4000000000009995", "4000000000000069", "4000000000000127", "4111111111111111")) {
            var body = wallets.topUpRequest(api.signUp("tester"), "20.00", Wallets.card(number), UUID.randomUUID().toString())
                    .expectStatus().isEqualTo(402)
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(body).containsEntry("code", "card_declined").doesNotContainKey("declineCode");
            answers.add(body.get("detail") + "|" + body.get("title"));
        }

        assertThat(answers).hasSize(1);
        assertThat(db.sql("select failure_code from payments.top_up where status = 'DECLINED' and card_last4 = '0127'")
                .map(r -> r.get(0, String.class)).all().collectList().block()).as("the reason is kept in the history").contains("incorrect_cvc");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "4000000000000002, 402, card_declined",
            "4000000000009995, 402, card_declined",
            "4000000000000119, 502, processing_error",
            "4242424242424241, 400, invalid_card",
            "1234, 400, invalid_card",
            "4111111111111111, 402, card_declined" })
    void other_test_cards_fail_clearly_and_credit_nothing(String number, int status, String code) {
        var user = api.signUp("declined");

        wallets.topUpRequest(user, "20.00", Wallets.card(number), UUID.randomUUID().toString())
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo(code);

        assertThat(wallets.balance(user)).isEqualTo("0.00");
        assertThat(textsContaining(number.length() > 12 ? number : "no-such-text")).isEmpty();
    }

    @Test
    void expiry_cvc_amount_and_currency_are_checked_before_anything_is_charged() {
        var user = api.signUp("badcard");
        var cases = List.of(
                Map.entry(Map.<String, Object>of("number", "4242424242424242", "expMonth", 1, "expYear", 2020, "cvc", "123"), "invalid_expiry"),
                Map.entry(Map.<String, Object>of("number", "4242424242424242", "expMonth", 13, "expYear", 2030, "cvc", "123"), "invalid_expiry"),
                Map.entry(Map.<String, Object>of("number", "4242424242424242", "expMonth", 12, "expYear", 2030, "cvc", "12"), "invalid_cvc"),
                Map.entry(Map.<String, Object>of("number", "378282246310005", "expMonth", 12, "expYear", 2030, "cvc", "123"), "invalid_cvc"));
        for (var c : cases) {
            wallets.topUpRequest(user, "20.00", c.getKey(), null).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo(c.getValue());
        }
        for (var amount : List.of("0", "-5.00", "12.345", "1e2", "NaN")) {
            wallets.topUpRequest(user, amount, Wallets.VISA, null).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_amount");
        }
        api.post(user, "/api/wallet/top-ups", Map.of("amount", Map.of("amount", 20.5, "currency", "EUR"), "card", Wallets.VISA))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_amount");
        api.post(user, "/api/wallet/top-ups", Map.of("amount", Map.of("amount", "20.00", "currency", "USD"), "card", Wallets.VISA))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("unsupported_currency");
        wallets.topUpRequest(user, "1000.01", Wallets.VISA, null).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("limit_exceeded");

        assertThat(wallets.balance(user)).isEqualTo("0.00");
        assertThat(db.sql("select count(*) from payments.top_up where user_id = $1").bind(0, UUID.fromString(user.id()))
                .map(r -> r.get(0, Long.class)).one().block()).isZero();
    }

    @Test
    void the_statement_lists_newest_first_and_pages_with_a_cursor() {
        var user = api.signUp("pager");
        for (var amount : List.of("1.00", "2.00", "3.00", "4.00", "5.00")) {
            wallets.topUp(user, amount);
        }

        var first = api.get(user, "/api/wallet/transactions?limit=2").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(amounts(first)).containsExactly("5.00", "4.00");
        var second = api.get(user, "/api/wallet/transactions?limit=2&cursor=" + first.get("nextCursor")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(amounts(second)).containsExactly("3.00", "2.00");
        var third = api.get(user, "/api/wallet/transactions?limit=2&cursor=" + second.get("nextCursor")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(amounts(third)).containsExactly("1.00");
        assertThat(third.get("nextCursor")).isNull();

        api.get(user, "/api/wallet/transactions?cursor=garbage").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
        api.get(user, "/api/wallet/transactions?limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_limit");
    }

    @Test
    void wallet_endpoints_need_a_token() {
        api.http().get().uri("/api/wallet").exchange().expectStatus().isUnauthorized();
        api.http().get().uri("/api/wallet/transactions").exchange().expectStatus().isUnauthorized();
        api.http().post().uri("/api/wallet/top-ups").bodyValue(Map.of()).exchange().expectStatus().isUnauthorized();
    }

    @SuppressWarnings("unchecked")
    private static List<String> amounts(Map<?, ?> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .map(i -> (String) ((Map<String, Object>) i.get("amount")).get("amount")).toList();
    }

    /** Every text column of payments' tables, and every event, that contains {@code text}. */
    private List<String> textsContaining(String text) {
        return db.sql("""
                select 'top_up' from payments.top_up t where t::text like '%' || $1 || '%'
                union all select 'sandbox' from payments.sandbox_card_charge c where c::text like '%' || $1 || '%'
                union all select 'idempotency' from payments.idempotency_key k where k::text like '%' || $1 || '%'
                union all select 'entry' from payments.entry e where e::text like '%' || $1 || '%'
                union all select 'event' from outbox.event e where e.payload::text like '%' || $1 || '%'""")
                .bind(0, text).map(r -> r.get(0, String.class)).all().collectList().block();
    }
}
