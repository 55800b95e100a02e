package io.piaf.payments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.HoldId;
import io.piaf.payments.Money;
import io.piaf.payments.Transfer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The ledger's SQL. */
@Component
class LedgerStore {

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

    /**
     * Posts one transfer: {@link #postAll} with one. The posting statements live in the database: the set-based
     * {@code payments.post_transfer_batch} (migration V11) and the one-by-one {@code payments.post_transfers}
     * (migration V7), which it falls back to for dependent batches and which captures use. Both lock every account
     * of the call up front in id order (NO KEY UPDATE), check that every account exists and that no USER account goes
     * below its available balance (balance - holds; all legs or none), insert the transfer unless its kind and
     * reference were posted before, apply the legs and write the entries.
     */
    Mono<Outcome> post(Transfer transfer) {
        return postAll(List.of(transfer)).map(List::getFirst);
    }

    /** One transfer that also closes the active hold {@code capture} (migration V7). */
    Mono<Outcome> capture(HoldId capture, Transfer transfer) {
        return postAll(List.of(transfer), new UUID[] { capture.value() }).map(List::getFirst);
    }

    /**
     * The transfers posted in order by one call of {@code payments.post_transfer_batch} (migration V11): set-based
     * when they are independent (no debited user account shared, no reference twice), else one after the other by
     * {@code payments.post_transfers}; one outcome each.
     */
    Mono<List<Outcome>> postAll(List<Transfer> transfers) {
        return postAll(transfers, null);
    }

    /** {@code captures} null: no capture, posted by post_transfer_batch; else post_transfers with one capture per transfer. */
    private Mono<List<Outcome>> postAll(List<Transfer> transfers, UUID[] captures) {
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
        var spec = captures == null
                ? db.sql("select * from payments.post_transfer_batch($1, $2, $3, $4, $5, $6, $7)")
                : db.sql("select * from payments.post_transfers($1, $2, $3, $8, $4, $5, $6, $7)").bind(7, captures);
        return spec
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

    /** What {@code payments.place_hold} answered; {@code remaining} is null when nothing was held. */
    record HoldOutcome(boolean found, boolean funded, Long remaining, Long available) {
    }

    Mono<HoldOutcome> hold(HoldId id, AccountId account, long amount, String memo) {
        return db.sql("select * from payments.place_hold($1, $2, $3, $4)")
                .bind(0, id.value()).bind(1, account.value()).bind(2, amount).bind(3, Parameter.fromOrEmpty(memo, String.class))
                .map(r -> new HoldOutcome(Boolean.TRUE.equals(r.get("is_found", Boolean.class)),
                        Boolean.TRUE.equals(r.get("is_funded", Boolean.class)), r.get("hold_remaining", Long.class),
                        r.get("available", Long.class)))
                .one();
    }

    /** The hold's remaining amount and the account's available balance after; empty when the hold is not active. */
    Mono<long[]> release(HoldId id, Long amount) {
        return db.sql("select * from payments.release_hold($1, $2)")
                .bind(0, id.value()).bind(1, Parameter.fromOrEmpty(amount, Long.class))
                .map(r -> new long[] { r.get("hold_remaining", Long.class), r.get("available", Long.class) })
                .one();
    }

    Mono<Money> available(AccountId account) {
        return db.sql("select balance - held from payments.account where id = $1").bind(0, account.value())
                .map(r -> Money.eur(r.get(0, Long.class))).one();
    }

    /** An active hold as a wallet shows it. */
    record ActiveHold(UUID id, long remaining, String memo, Instant at) {
    }

    /** A wallet's active holds, newest first. */
    Flux<ActiveHold> activeHolds(AccountId account, int limit) {
        return db.sql("""
                select id, remaining, memo, created_at from payments.hold
                where account_id = $1 and status = 'ACTIVE' order by created_at desc limit $2""")
                .bind(0, account.value()).bind(1, limit)
                .map(r -> new ActiveHold(r.get("id", UUID.class), r.get("remaining", Long.class), r.get("memo", String.class),
                        r.get("created_at", Instant.class)))
                .all();
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
