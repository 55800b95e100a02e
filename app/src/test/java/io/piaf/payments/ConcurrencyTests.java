package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

import io.piaf.testing.Api;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import io.piaf.testing.Wallets;

/** Many confirmations at once against one payer: the database, not luck, keeps the wallet and the caps whole. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class ConcurrencyTests {

    @Autowired Api api;
    Wallets wallets;

    @BeforeEach
    void helpers() {
        wallets = new Wallets(api);
    }

    @Test
    void fifty_concurrent_confirmations_never_overdraw_the_wallet() {
        var payer = wallets.payer("drained", "500.00");
        var payees = payees(5);
        var ids = new ArrayList<String>();
        for (var i = 0; i < 50; i++) {
            ids.add(wallets.request(payer, payees.get(i % 5).handle(), "30.00"));
        }

        var outcomes = Concurrently.run(50, i -> outcome(payer, ids.get(i)));

        assertThat(tally(outcomes)).isEqualTo(Map.of("COMPLETED", 16L, "insufficient_funds", 34L));
        assertThat(wallets.balance(payer)).isEqualTo("20.00");
        assertThat(payees.stream().map(wallets::balance).mapToDouble(Double::parseDouble).sum()).isEqualTo(480.0);
    }

    @Test
    void fifty_concurrent_confirmations_never_pass_the_daily_cap() {
        var payer = wallets.payer("capped", "1200.00");
        var payees = payees(5);
        var ids = new ArrayList<String>();
        for (var i = 0; i < 50; i++) {
            ids.add(wallets.request(payer, payees.get(i % 5).handle(), "30.00"));
        }

        var outcomes = Concurrently.run(50, i -> outcome(payer, ids.get(i)));

        assertThat(tally(outcomes)).isEqualTo(Map.of("COMPLETED", 33L, "limit_exceeded", 17L));
        assertThat(wallets.balance(payer)).isEqualTo("210.00");
        api.get(payer, "/api/wallet").exchange().expectBody().jsonPath("$.limits.sentToday.amount").isEqualTo("990.00")
                .jsonPath("$.limits.remainingToday.amount").isEqualTo("10.00");
    }

    @Test
    void payments_in_opposite_directions_at_once_neither_deadlock_nor_lose_a_cent() {
        var alice = wallets.payer("ping", "100.00");
        var bob = wallets.payer("pong", "100.00");
        var ids = new ArrayList<Map.Entry<Api.User, String>>();
        for (var i = 0; i < 15; i++) {
            ids.add(Map.entry(alice, wallets.request(alice, bob.handle(), "1.00")));
            ids.add(Map.entry(bob, wallets.request(bob, alice.handle(), "2.00")));
        }

        var started = System.nanoTime();
        var outcomes = Concurrently.run(ids.size(), i -> outcome(ids.get(i).getKey(), ids.get(i).getValue()));

        assertThat(tally(outcomes)).isEqualTo(Map.of("COMPLETED", 30L));
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms, far below a deadlock timeout").isLessThan(10_000);
        assertThat(wallets.balance(alice)).isEqualTo("115.00");
        assertThat(wallets.balance(bob)).isEqualTo("85.00");
    }

    @Test
    void a_ring_of_payers_confirming_at_once_all_complete_whatever_batches_and_lanes_they_fall_in() {
        var ring = new ArrayList<Api.User>();
        for (var i = 0; i < 12; i++) {
            ring.add(wallets.payer("ring", "10.00"));
        }
        var ids = new ArrayList<Map.Entry<Api.User, String>>();
        for (var round = 0; round < 3; round++) {
            for (var i = 0; i < ring.size(); i++) { // each pays the next and the one after: lanes cross both ways
                ids.add(Map.entry(ring.get(i), wallets.request(ring.get(i), ring.get((i + 1) % ring.size()).handle(), "1.00")));
                ids.add(Map.entry(ring.get(i), wallets.request(ring.get(i), ring.get((i + 5) % ring.size()).handle(), "2.00")));
            }
        }

        var started = System.nanoTime();
        var outcomes = Concurrently.run(ids.size(), i -> outcome(ids.get(i).getKey(), ids.get(i).getValue()));

        assertThat(tally(outcomes)).isEqualTo(Map.of("COMPLETED", 72L));
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms, far below a deadlock timeout").isLessThan(10_000);
        assertThat(ring.stream().map(wallets::balance)).containsOnly("10.00"); // each sent 9.00 and received 9.00
    }

    @Test
    void a_payee_confirming_alongside_its_payer_never_completes_the_payment_with_their_own_pin() {
        // Busy batches around them, so that the payer's and the payee's confirmations of one payment share a batch.
        var crowd = new ArrayList<Map.Entry<Api.User, String>>();
        for (var i = 0; i < 16; i++) {
            var payer = wallets.payer("crowd", "10.00");
            crowd.add(Map.entry(payer, wallets.request(payer, payees(1).getFirst().handle(), "1.00")));
        }
        var targets = new ArrayList<Map.Entry<Api.User, Api.User>>();
        var ids = new ArrayList<String>();
        for (var i = 0; i < 6; i++) {
            var payer = wallets.payer("victim", "50.00");
            var payee = wallets.payer("grabber", "1.00"); // has a PIN of their own
            targets.add(Map.entry(payer, payee));
            ids.add(wallets.request(payer, payee.handle(), "40.00"));
        }

        var outcomes = Concurrently.run(crowd.size() + 2 * ids.size(), i -> {
            if (i < crowd.size()) {
                return outcome(crowd.get(i).getKey(), crowd.get(i).getValue());
            }
            var t = (i - crowd.size()) / 2;
            var payerWithAWrongPin = (i - crowd.size()) % 2 == 0;
            return payerWithAWrongPin ? "payer:" + outcome(targets.get(t).getKey(), ids.get(t), "1357")
                    : "payee:" + outcome(targets.get(t).getValue(), ids.get(t), Wallets.PIN);
        });

        assertThat(outcomes).filteredOn(o -> o.startsWith("payer:")).containsOnly("payer:invalid_pin");
        assertThat(outcomes).filteredOn(o -> o.startsWith("payee:")).containsOnly("payee:not_the_payer");
        targets.forEach(t -> {
            assertThat(wallets.balance(t.getKey())).isEqualTo("50.00");
            assertThat(wallets.balance(t.getValue())).isEqualTo("1.00");
        });
    }

    private java.util.List<Api.User> payees(int n) {
        var payees = new ArrayList<Api.User>();
        for (var i = 0; i < n; i++) {
            payees.add(api.signUp("payee"));
        }
        return payees;
    }

    /** COMPLETED, or the problem's code. */
    private String outcome(Api.User payer, String id) {
        return outcome(payer, id, Wallets.PIN);
    }

    private String outcome(Api.User caller, String id, String pin) {
        var result = wallets.confirm(caller, id, pin).expectBody(Map.class).returnResult();
        var body = result.getResponseBody();
        return result.getStatus().value() == 200 ? (String) body.get("status") : (String) body.get("code");
    }

    private static Map<String, Long> tally(java.util.List<String> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
