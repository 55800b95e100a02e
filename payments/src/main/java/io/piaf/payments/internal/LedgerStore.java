package io.piaf.payments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/** The ledger's SQL. */
@Component
class LedgerStore {

    /**
     * Posts one transfer in one statement (one round trip, atomic on its own, joins the caller's transaction):
     * <ol>
     * <li>locks the legs' accounts in id order, so two transfers between the same accounts in opposite directions
     * queue instead of deadlocking, and reads their current balances (NO KEY UPDATE: the balance is not a key, and
     * the lock then leaves alone the KEY SHARE locks that inserts referencing the account take);</li>
     * <li>checks that every account exists and that no USER account would go below zero — all legs or none;</li>
     * <li>inserts the transfer, unless its kind and reference were posted before (then nothing moves);</li>
     * <li>applies each leg to its account's balance and writes the entries with the balance after them.</li>
     * </ol>
     * The check constraint on USER balances and the balancing trigger on entries stand behind this code. The legs
     * arrive as arrays so that a later change can post many transfers per statement.
     */
    private static final String POST = """
            with legs as (
                select l.account_id, l.amount, nullif(l.memo, '') as memo
                from unnest($2::uuid[], $3::bigint[], $4::text[]) as l(account_id, amount, memo)
            ),
            locked as (
                select a.id, a.kind, a.balance from payments.account a
                where a.id = any($2::uuid[]) order by a.id for no key update
            ),
            checked as (
                select count(*) = cardinality($2::uuid[]) as found,
                       coalesce(bool_and(k.kind = 'SYSTEM' or k.balance + l.amount >= 0), false) as funded,
                       min(k.id::text) filter (where k.kind <> 'SYSTEM' and k.balance + l.amount < 0) as short_account
                from locked k join legs l on l.account_id = k.id
            ),
            transfer as (
                insert into payments.transfer (id, kind, reference)
                select $1, $5, $6 from checked where found and funded
                on conflict (kind, reference) do nothing
                returning id, created_at
            ),
            moved as (
                update payments.account a set balance = a.balance + l.amount
                from legs l, transfer t
                where a.id = l.account_id
                returning a.id, a.balance
            ),
            entries as (
                insert into payments.entry (transfer_id, account_id, amount, balance_after, counterparty_id, memo, created_at)
                select t.id, m.id, l.amount, m.balance,
                       case when cardinality($2::uuid[]) = 2
                            then (select o.account_id from legs o where o.account_id <> l.account_id) end,
                       l.memo, t.created_at
                from moved m join legs l on l.account_id = m.id cross join transfer t
                returning account_id, counterparty_id
            )
            select c.found, c.funded, c.short_account, t.created_at, m.id as account_id, l.amount, m.balance,
                   l.memo, w.user_id, w.handle, cw.handle as counterparty_handle
            from checked c
            left join transfer t on true
            left join moved m on true
            left join legs l on l.account_id = m.id
            left join entries e on e.account_id = m.id
            left join payments.wallet w on w.id = m.id
            left join payments.wallet cw on cw.id = e.counterparty_id""";

    /** What the statement reports: whether it could post, and one line per leg when it did. */
    record Outcome(boolean found, boolean funded, UUID shortAccount, Instant at, List<Line> lines) {
    }

    /** A posted leg; {@code userId} and {@code handle} are set when the account is a wallet. */
    record Line(AccountId account, long amount, long balanceAfter, String memo, UserId userId, String handle,
            String counterpartyHandle) {
    }

    private final DatabaseClient db;

    LedgerStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Outcome> post(Transfer transfer) {
        var legs = transfer.legs();
        var accounts = legs.stream().map(l -> l.account().value()).toArray(UUID[]::new);
        var amounts = legs.stream().map(l -> l.amount().minorUnits()).toArray(Long[]::new);
        var memos = legs.stream().map(l -> l.memo() == null ? "" : l.memo()).toArray(String[]::new);
        return db.sql(POST)
                .bind(0, transfer.id().value()).bind(1, accounts).bind(2, amounts).bind(3, memos)
                .bind(4, transfer.kind()).bind(5, transfer.reference())
                .map(LedgerStore::row)
                .all()
                .collectList()
                .map(LedgerStore::outcome);
    }

    /** The transfers posted in order by one call of {@code payments.post_transfers} (migration V3); one outcome each. */
    Mono<List<Outcome>> postAll(List<Transfer> transfers) {
        var legTransfer = new ArrayList<Integer>();
        var legAccounts = new ArrayList<UUID>();
        var legAmounts = new ArrayList<Long>();
        var legMemos = new ArrayList<String>();
        for (var i = 0; i < transfers.size(); i++) {
            for (var leg : transfers.get(i).legs()) {
                legTransfer.add(i + 1);
                legAccounts.add(leg.account().value());
                legAmounts.add(leg.amount().minorUnits());
                legMemos.add(leg.memo() == null ? "" : leg.memo());
            }
        }
        return db.sql("select * from payments.post_transfers($1, $2, $3, $4, $5, $6, $7)")
                .bind(0, transfers.stream().map(t -> t.id().value()).toArray(UUID[]::new))
                .bind(1, transfers.stream().map(Transfer::kind).toArray(String[]::new))
                .bind(2, transfers.stream().map(Transfer::reference).toArray(String[]::new))
                .bind(3, legTransfer.toArray(Integer[]::new)).bind(4, legAccounts.toArray(UUID[]::new))
                .bind(5, legAmounts.toArray(Long[]::new)).bind(6, legMemos.toArray(String[]::new))
                .map(r -> Map.entry(r.get("transfer_index", Integer.class), new Row(
                        Boolean.TRUE.equals(r.get("is_found", Boolean.class)), Boolean.TRUE.equals(r.get("is_funded", Boolean.class)),
                        uuid(r.get("short_account", String.class)), r.get("posted_at", Instant.class),
                        r.get("leg_account", UUID.class) == null ? null : new Line(new AccountId(r.get("leg_account", UUID.class)),
                                r.get("leg_amount", Long.class), r.get("balance_after", Long.class), r.get("leg_memo", String.class),
                                r.get("wallet_user", UUID.class) == null ? null : new UserId(r.get("wallet_user", UUID.class)),
                                r.get("wallet_handle", String.class), r.get("counterparty_handle", String.class)))))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                .map(byTransfer -> {
                    var outcomes = new ArrayList<Outcome>();
                    for (var i = 1; i <= transfers.size(); i++) {
                        outcomes.add(outcome(List.copyOf(byTransfer.get(i))));
                    }
                    return outcomes;
                });
    }

    private static Outcome outcome(List<Row> rows) {
        var first = rows.getFirst();
        var lines = new ArrayList<Line>();
        rows.stream().filter(r -> r.line() != null).forEach(r -> lines.add(r.line()));
        return new Outcome(first.found(), first.funded(), first.shortAccount(), first.at(), lines);
    }

    private static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    private record Row(boolean found, boolean funded, UUID shortAccount, Instant at, Line line) {
    }

    private static Row row(Readable r) {
        var shortAccount = r.get("short_account", String.class);
        var account = r.get("account_id", UUID.class);
        var user = r.get("user_id", UUID.class);
        var line = account == null ? null : new Line(new AccountId(account), r.get("amount", Long.class),
                r.get("balance", Long.class), r.get("memo", String.class), user == null ? null : new UserId(user),
                r.get("handle", String.class), r.get("counterparty_handle", String.class));
        return new Row(Boolean.TRUE.equals(r.get("found", Boolean.class)), Boolean.TRUE.equals(r.get("funded", Boolean.class)),
                shortAccount == null ? null : UUID.fromString(shortAccount), r.get("created_at", Instant.class), line);
    }

    Mono<Money> balance(AccountId account) {
        return db.sql("select balance from payments.account where id = $1").bind(0, account.value())
                .map(r -> Money.eur(r.get(0, Long.class))).one();
    }

    Mono<AccountId> openUserAccount(AccountId id, UserId owner, String purpose) {
        return db.sql("""
                insert into payments.account (id, kind, purpose, owner_id) values ($1, 'USER', $3, $2)
                on conflict (id) do nothing""")
                .bind(0, id.value()).bind(1, owner.value()).bind(2, purpose)
                .then()
                .then(db.sql("select id from payments.account where id = $1 and owner_id = $2 and purpose = $3")
                        .bind(0, id.value()).bind(1, owner.value()).bind(2, purpose)
                        .map(r -> new AccountId(r.get(0, UUID.class))).one())
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException(
                        "Account " + id + " exists with another owner or purpose")));
    }

    Mono<AccountId> openSystemAccount(String purpose) {
        return db.sql("""
                insert into payments.account (id, kind, purpose) values ($1, 'SYSTEM', $2)
                on conflict (purpose) where kind = 'SYSTEM' do nothing""")
                .bind(0, UUID.randomUUID()).bind(1, purpose)
                .then()
                .then(db.sql("select id from payments.account where purpose = $1 and kind = 'SYSTEM'").bind(0, purpose)
                        .map(r -> new AccountId(r.get(0, UUID.class))).one());
    }
}
