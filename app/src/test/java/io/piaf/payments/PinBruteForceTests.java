package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.testing.Api;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** Someone with the payer's token but not the PIN gets three guesses, in sequence or all at once. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class PinBruteForceTests {

    @Autowired Api api;
    @Autowired DatabaseClient db;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void three_wrong_pins_cancel_the_payment_and_lock_the_pin() {
        var alice = wallets.payer("victim", "100.00");
        var bob = api.signUp("thief");
        var id = wallets.request(alice, bob.handle(), "99.00");

        wallets.confirm(alice, id, "0000").expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("invalid_pin").jsonPath("$.attemptsLeft").isEqualTo(2);
        wallets.confirm(alice, id, "1111").expectStatus().isEqualTo(422).expectBody().jsonPath("$.attemptsLeft").isEqualTo(1);
        wallets.confirm(alice, id, "2222").expectStatus().isEqualTo(423).expectBody()
                .jsonPath("$.code").isEqualTo("pin_locked").jsonPath("$.status").isEqualTo(423)
                .jsonPath("$.paymentStatus").isEqualTo("CANCELLED")
                .jsonPath("$.lockedUntil").isNotEmpty();

        api.get(alice, "/api/payments/" + id).exchange().expectBody().jsonPath("$.status").isEqualTo("CANCELLED")
                .jsonPath("$.reason").isEqualTo("PIN_LOCKED");
        wallets.confirm(alice, id, Wallets.PIN).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("payment_not_pending");

        // The right PIN does not help while the PIN is locked; that payment is cancelled too.
        var next = wallets.request(alice, bob.handle(), "1.00");
        wallets.confirm(alice, next, Wallets.PIN).expectStatus().isEqualTo(423);
        api.get(alice, "/api/payments/" + next).exchange().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        assertThat(wallets.balance(alice)).isEqualTo("100.00");
        assertThat(wallets.balance(bob)).isEqualTo("0.00");
        assertThat(lockedMinutes(alice)).isBetween(14L, 15L);

        // Fifteen minutes later (the lock is moved into the past), the right PIN works again.
        db.sql("update identity.users set pin_locked_until = now() - interval '1 second' where id = $1")
                .bind(0, UUID.fromString(alice.id())).then().block();
        wallets.pay(alice, bob.handle(), "1.00");
        assertThat(wallets.balance(bob)).isEqualTo("1.00");
    }

    @Test
    void wrong_pins_count_across_payments_and_a_right_one_resets_the_count() {
        var alice = wallets.payer("counted", "10.00");
        var bob = api.signUp("bob");
        var first = wallets.request(alice, bob.handle(), "1.00");
        var second = wallets.request(alice, bob.handle(), "1.00");

        wallets.confirm(alice, first, "0000").expectStatus().isEqualTo(422).expectBody().jsonPath("$.attemptsLeft").isEqualTo(2);
        wallets.confirm(alice, second, "0000").expectStatus().isEqualTo(422).expectBody().jsonPath("$.attemptsLeft").isEqualTo(1);
        wallets.confirm(alice, second, Wallets.PIN).expectStatus().isOk();
        wallets.confirm(alice, first, "0000").expectStatus().isEqualTo(422).expectBody().jsonPath("$.attemptsLeft").isEqualTo(2);
        wallets.confirm(alice, first, "12").expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_pin_format");
        api.post(alice, "/api/payments/" + first + "/confirm", Map.of()).exchange().expectStatus().isBadRequest();
    }

    @Test
    void twenty_guesses_at_once_still_get_only_three_tries() {
        var alice = wallets.payer("burst", "100.00");
        var bob = api.signUp("bob");
        var ids = new ArrayList<String>();
        for (var i = 0; i < 20; i++) {
            ids.add(wallets.request(alice, bob.handle(), "1.00"));
        }

        var codes = Concurrently.run(20, i -> (String) wallets.confirm(alice, ids.get(i), "%04d".formatted(1000 + i))
                .expectBody(Map.class).returnResult().getResponseBody().get("code"));

        assertThat(codes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .isEqualTo(Map.of("invalid_pin", 2L, "pin_locked", 18L));
        assertThat(db.sql("select count(*) from payments.payment where payer_id = $1 and status = 'CANCELLED'")
                .bind(0, UUID.fromString(alice.id())).map(r -> r.get(0, Long.class)).one().block()).isEqualTo(18);
        assertThat(lockedMinutes(alice)).isBetween(14L, 15L);
        assertThat(wallets.balance(alice)).isEqualTo("100.00");
    }

    private long lockedMinutes(Api.User user) {
        return db.sql("select extract(epoch from pin_locked_until - now())::bigint / 60 from identity.users where id = $1")
                .bind(0, UUID.fromString(user.id())).map(r -> r.get(0, Long.class)).one().block();
    }
}
