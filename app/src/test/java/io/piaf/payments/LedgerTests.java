package io.piaf.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.piaf.testing.LedgerInvariants;
import io.piaf.testing.PiafTest;
import reactor.core.publisher.Mono;

/** The ledger through its published API, and the invariants the database keeps even against wrong code. */
@PiafTest
@ExtendWith(LedgerInvariants.class)
class LedgerTests {

    @Autowired Ledger ledger;
    @Autowired DatabaseClient db;
    @Autowired ReactiveTransactionManager transactions;
    TransactionalOperator tx;
    AccountId settlement;

    @BeforeEach
    void setUp() {
        tx = TransactionalOperator.create(transactions);
        settlement = ledger.openSystemAccount("TEST_SETTLEMENT").block();
    }

    @Test
    void a_multi_leg_transfer_posts_every_leg_with_the_balances_after_it() {
        var owner = UserId.random();
        var pot = open(owner, "TEST_POT");
        var other = open(owner, "TEST_OTHER");

        var result = post(new Transfer(TransferId.random(), "TEST_SPLIT", UUID.randomUUID().toString(), List.of(
                new Transfer.Leg(settlement, Money.eur(-1000), "out"),
                new Transfer.Leg(pot, Money.eur(700), "in"),
                new Transfer.Leg(other, Money.eur(300), null))));

        assertThat(result).isInstanceOfSatisfying(TransferResult.Posted.class, posted -> assertThat(posted.postings())
                .extracting(p -> p.account(), p -> p.amount().minorUnits())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(settlement, -1000L),
                        org.assertj.core.groups.Tuple.tuple(pot, 700L), org.assertj.core.groups.Tuple.tuple(other, 300L)));
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(700));
        assertThat(ledger.balance(other).block()).isEqualTo(Money.eur(300));
    }

    @Test
    void a_user_account_never_goes_below_zero_and_a_refused_transfer_leaves_no_trace() {
        var pot = open(UserId.random(), "TEST_POT");
        var reference = UUID.randomUUID().toString();
        post(Transfer.between(TransferId.random(), "TEST_FUND", reference, settlement, null, pot, null, Money.eur(500)));

        var overdraw = post(Transfer.between(TransferId.random(), "TEST_FUND", UUID.randomUUID().toString(), pot, null, settlement, null, Money.eur(501)));

        assertThat(overdraw).isEqualTo(new TransferResult.InsufficientFunds(pot));
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(500));
        assertThat(post(Transfer.between(TransferId.random(), "TEST_FUND", UUID.randomUUID().toString(), pot, null, settlement, null, Money.eur(500))))
                .isInstanceOf(TransferResult.Posted.class);
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(0));
    }

    @Test
    void a_transfer_is_posted_once_per_kind_and_reference() {
        var pot = open(UserId.random(), "TEST_POT");
        var reference = UUID.randomUUID().toString();

        assertThat(post(Transfer.between(TransferId.random(), "TEST_ONCE", reference, settlement, null, pot, null, Money.eur(100))))
                .isInstanceOf(TransferResult.Posted.class);
        assertThat(post(Transfer.between(TransferId.random(), "TEST_ONCE", reference, settlement, null, pot, null, Money.eur(100))))
                .isEqualTo(new TransferResult.AlreadyPosted("TEST_ONCE", reference));
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(100));
    }

    @Test
    void an_unknown_account_moves_nothing() {
        var pot = open(UserId.random(), "TEST_POT");
        assertThat(post(Transfer.between(TransferId.random(), "TEST_X", UUID.randomUUID().toString(), settlement, null,
                AccountId.random(), null, Money.eur(100)))).isEqualTo(new TransferResult.UnknownAccount());
        assertThat(ledger.balance(settlement).block()).isNotNull();
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(0));
    }

    @Test
    void a_transfer_outside_a_transaction_is_refused_before_anything_moves() {
        var pot = open(UserId.random(), "TEST_POT");
        assertThatThrownBy(() -> ledger.post(Transfer.between(TransferId.random(), "TEST_LOOSE", UUID.randomUUID().toString(),
                settlement, null, pot, null, Money.eur(100))).block()).hasMessageContaining("needs a transaction");
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(0));
    }

    @Test
    void transfers_that_do_not_balance_cannot_even_be_built() {
        var a = AccountId.random();
        var b = AccountId.random();
        assertThatThrownBy(() -> new Transfer(TransferId.random(), "TEST", "r", List.of(new Transfer.Leg(a, Money.eur(-5), null),
                new Transfer.Leg(b, Money.eur(4), null)))).hasMessageContaining("sum to zero");
        assertThatThrownBy(() -> new Transfer(TransferId.random(), "TEST", "r", List.of(new Transfer.Leg(a, Money.eur(-5), null))))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> new Transfer(TransferId.random(), "TEST", "r", List.of(new Transfer.Leg(a, Money.eur(-5), null),
                new Transfer.Leg(a, Money.eur(5), null)))).hasMessageContaining("once");
        assertThatThrownBy(() -> new Money(1, "USD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_database_refuses_unbalanced_entries_edits_deletions_and_overdrafts_even_from_raw_sql() {
        var pot = open(UserId.random(), "TEST_POT");
        var reference = UUID.randomUUID().toString();
        var posted = (TransferResult.Posted) post(Transfer.between(TransferId.random(), "TEST_RAW", reference, settlement, null, pot, null, Money.eur(100)));
        var transfer = posted.id().value();

        assertRefused("insert into payments.transfer (id, kind, reference) values ('" + UUID.randomUUID() + "', 'TEST_RAW', 'x" + reference + "');"
                + "insert into payments.entry (transfer_id, account_id, amount, balance_after, created_at) select id, '" + pot.value()
                + "', 5, 0, now() from payments.transfer where reference = 'x" + reference + "'", "does not balance");
        assertRefused("update payments.entry set amount = amount * 2 where transfer_id = '" + transfer + "'", "append-only");
        assertRefused("delete from payments.entry where transfer_id = '" + transfer + "'", "append-only");
        assertRefused("delete from payments.transfer where id = '" + transfer + "'", "append-only");
        assertRefused("truncate payments.entry cascade", "append-only");
        assertRefused("update payments.account set balance = -1 where id = '" + pot.value() + "'", "user_accounts_never_go_negative");
        assertRefused("update payments.account set kind = 'SYSTEM' where id = '" + pot.value() + "'", "fixed");
        assertRefused("delete from payments.account where id = '" + pot.value() + "'", "append-only");
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(100));
    }

    private AccountId open(UserId owner, String purpose) {
        return ledger.openUserAccount(AccountId.random(), owner, purpose).block();
    }

    private TransferResult post(Transfer transfer) {
        return tx.transactional(ledger.post(transfer)).block();
    }

    private void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> tx.transactional(Mono.defer(() -> {
            var statements = reactor.core.publisher.Flux.fromArray(sql.split(";"));
            return statements.concatMap(s -> db.sql(s).then()).then();
        })).block()).as(sql).hasStackTraceContaining(message);
    }
}
