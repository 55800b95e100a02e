package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.identity.UserId;
import io.piaf.testing.Concurrently;
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;

/** Holds through the ledger's published API: reserved money is not available to anything else until released. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class HoldTests {

    @Autowired Ledger ledger;
    @Autowired ReactiveTransactionManager transactions;
    TransactionalOperator tx;
    AccountId settlement;
    AccountId pot;

    @BeforeEach
    void setUp() {
        tx = TransactionalOperator.create(transactions);
        settlement = ledger.openSystemAccount("TEST_SETTLEMENT").block();
        pot = ledger.openUserAccount(AccountId.random(), UserId.random(), "TEST_POT").block();
        post(Transfer.between(TransferId.random(), "TEST_FUND", UUID.randomUUID().toString(), settlement, null, pot, null, Money.eur(1000)));
    }

    @Test
    void a_hold_lowers_what_is_available_and_no_debit_can_spend_it() {
        var hold = HoldId.random();

        assertThat(hold(hold, 700)).isEqualTo(new HoldResult.Held(hold, Money.eur(700), Money.eur(300)));
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(1000));
        assertThat(ledger.available(pot).block()).isEqualTo(Money.eur(300));
        assertThat(post(Transfer.between(TransferId.random(), "TEST_SPEND", UUID.randomUUID().toString(), pot, null, settlement, null, Money.eur(301))))
                .isEqualTo(new TransferResult.InsufficientFunds(pot));
        assertThat(hold(HoldId.random(), 301)).isEqualTo(new HoldResult.InsufficientFunds(Money.eur(300)));
        assertThat(hold(hold, 300)).isEqualTo(new HoldResult.Held(hold, Money.eur(1000), Money.eur(0)));
    }

    @Test
    void a_release_gives_back_part_or_all_and_a_closed_hold_stays_closed() {
        var hold = HoldId.random();
        hold(hold, 500);

        assertThat(ledger.release(hold, Money.eur(200)).block()).isEqualTo(new HoldResult.Released(hold, Money.eur(300), Money.eur(700)));
        assertThat(ledger.release(hold, null).block()).isEqualTo(new HoldResult.Released(hold, Money.eur(0), Money.eur(1000)));
        assertThat(ledger.release(hold, null).block()).isEqualTo(new HoldResult.NotActive(hold));
        assertThat(hold(hold, 100)).isEqualTo(new HoldResult.NotActive(hold));
        assertThat(ledger.release(HoldId.random(), null).block()).isInstanceOf(HoldResult.NotActive.class);
    }

    @Test
    void a_capture_spends_the_hold_releasing_what_it_does_not_use_or_taking_more_from_what_is_available() {
        var partial = HoldId.random();
        var over = HoldId.random();
        hold(partial, 400);
        hold(over, 400);

        assertThat(capture(partial, 300)).isInstanceOf(TransferResult.Posted.class);
        assertThat(ledger.available(pot).block()).isEqualTo(Money.eur(300));
        assertThat(capture(over, 701)).isEqualTo(new TransferResult.InsufficientFunds(pot));
        assertThat(capture(over, 700)).isInstanceOf(TransferResult.Posted.class);
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(0));
        assertThat(ledger.available(pot).block()).isEqualTo(Money.eur(0));
    }

    @Test
    void concurrent_holds_on_one_account_never_reserve_more_than_its_balance() {
        var results = Concurrently.run(20, i -> hold(HoldId.random(), 90));

        assertThat(results.stream().filter(HoldResult.Held.class::isInstance)).hasSize(11);
        assertThat(ledger.available(pot).block()).isEqualTo(Money.eur(10));
    }

    private HoldResult hold(HoldId id, long cents) {
        return tx.transactional(ledger.hold(id, pot, Money.eur(cents), "test")).block();
    }

    private TransferResult capture(HoldId id, long cents) {
        return tx.transactional(ledger.capture(id, Transfer.between(TransferId.random(), "TEST_CAPTURE", UUID.randomUUID().toString(),
                pot, null, settlement, null, Money.eur(cents)))).block();
    }

    private TransferResult post(Transfer transfer) {
        return tx.transactional(ledger.post(transfer)).block();
    }
}
