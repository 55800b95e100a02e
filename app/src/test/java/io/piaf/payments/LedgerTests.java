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

    /**
     * postAll of independent transfers is set-based (one statement for the batch, payments.post_transfer_batch): each
     * transfer is still decided on its own — posted, already posted, short or unknown — and an account credited by
     * several transfers gets one entry each, whose balance_after runs in transfer order.
     */
    @Test
    void a_batch_of_independent_transfers_is_decided_transfer_by_transfer_with_running_balances() {
        var owner = UserId.random();
        var payer = open(owner, "TEST_PAYER");
        var poor = open(owner, "TEST_POOR");
        var creator = open(UserId.random(), "TEST_CREATOR");
        var once = UUID.randomUUID().toString();
        post(Transfer.between(TransferId.random(), "TEST_FUND", UUID.randomUUID().toString(), settlement, null, payer, null, Money.eur(1000)));
        post(Transfer.between(TransferId.random(), "TEST_BATCH", once, settlement, null, creator, null, Money.eur(1)));

        var results = tx.transactional(ledger.postAll(List.of(
                Transfer.between(TransferId.random(), "TEST_BATCH", UUID.randomUUID().toString(), settlement, null, creator, null, Money.eur(10)),
                Transfer.between(TransferId.random(), "TEST_BATCH", UUID.randomUUID().toString(), poor, null, creator, null, Money.eur(5)),
                new Transfer(TransferId.random(), "TEST_BATCH", UUID.randomUUID().toString(), List.of(
                        new Transfer.Leg(payer, Money.eur(-300), "split"), new Transfer.Leg(creator, Money.eur(200), "share"),
                        new Transfer.Leg(settlement, Money.eur(100), "fee"))),
                Transfer.between(TransferId.random(), "TEST_BATCH", once, settlement, null, creator, null, Money.eur(1)),
                Transfer.between(TransferId.random(), "TEST_BATCH", UUID.randomUUID().toString(), settlement, null, AccountId.random(), null, Money.eur(7)),
                Transfer.between(TransferId.random(), "TEST_BATCH", UUID.randomUUID().toString(), settlement, null, creator, null, Money.eur(20))))).block();

        assertThat(results).hasSize(6);
        assertThat(results.get(0)).isInstanceOfSatisfying(TransferResult.Posted.class,
                p -> assertThat(p.postings()).anySatisfy(l -> assertThat(l.balanceAfter()).isEqualTo(Money.eur(11))));
        assertThat(results.get(1)).isEqualTo(new TransferResult.InsufficientFunds(poor));
        assertThat(results.get(2)).isInstanceOfSatisfying(TransferResult.Posted.class, p -> assertThat(p.postings())
                .extracting(l -> l.account(), l -> l.balanceAfter().minorUnits())
                .contains(org.assertj.core.groups.Tuple.tuple(payer, 700L), org.assertj.core.groups.Tuple.tuple(creator, 211L)));
        assertThat(results.get(3)).isEqualTo(new TransferResult.AlreadyPosted("TEST_BATCH", once));
        assertThat(results.get(4)).isEqualTo(new TransferResult.UnknownAccount());
        assertThat(results.get(5)).isInstanceOfSatisfying(TransferResult.Posted.class,
                p -> assertThat(p.postings()).anySatisfy(l -> assertThat(l.balanceAfter()).isEqualTo(Money.eur(231))));
        assertThat(ledger.balance(creator).block()).isEqualTo(Money.eur(231));
        assertThat(ledger.balance(payer).block()).isEqualTo(Money.eur(700));
        assertThat(db.sql("select string_agg(balance_after::text, ',' order by seq) from payments.entry where account_id = $1")
                .bind(0, creator.value()).map(r -> r.get(0, String.class)).one().block()).isEqualTo("1,11,211,231");
    }

    /** A batch whose transfers depend on each other (money in, then out of one account) is posted one after the other. */
    @Test
    void a_batch_that_spends_what_an_earlier_transfer_brought_sees_it() {
        var pot = open(UserId.random(), "TEST_POT");
        var results = tx.transactional(ledger.postAll(List.of(
                Transfer.between(TransferId.random(), "TEST_CHAIN", UUID.randomUUID().toString(), settlement, null, pot, null, Money.eur(50)),
                Transfer.between(TransferId.random(), "TEST_CHAIN", UUID.randomUUID().toString(), pot, null, settlement, null, Money.eur(30)),
                Transfer.between(TransferId.random(), "TEST_CHAIN", UUID.randomUUID().toString(), pot, null, settlement, null, Money.eur(30))))).block();

        assertThat(results.get(0)).isInstanceOf(TransferResult.Posted.class);
        assertThat(results.get(1)).isInstanceOf(TransferResult.Posted.class);
        assertThat(results.get(2)).isEqualTo(new TransferResult.InsufficientFunds(pot));
        assertThat(ledger.balance(pot).block()).isEqualTo(Money.eur(20));
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
