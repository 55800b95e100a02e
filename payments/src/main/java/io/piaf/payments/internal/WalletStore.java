package io.piaf.payments.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.AccountKind;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import io.piaf.payments.WalletId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Component
class WalletStore {

    /** A wallet's columns; the date of today is taken in the zone bound at parameter {@code zoneParameter}. */
    private static String columns(int zoneParameter) {
        return """
                w.id, w.user_id, w.handle, w.display_name, w.owner_kind, a.balance, a.held, w.sent_day, w.sent_today,
                (now() at time zone $%d)::date as today""".formatted(zoneParameter);
    }

    private final DatabaseClient db;

    WalletStore(DatabaseClient db) {
        this.db = db;
    }

    /** Opens the user's wallet (its ledger account and its row) unless it exists; one statement. */
    Mono<Void> open(UserId user, String handle, String displayName, AccountKind kind) {
        return db.sql("""
                with account as (
                    insert into payments.account (id, kind, purpose, owner_id) values ($1, 'USER', 'WALLET', $2)
                    on conflict (owner_id) where purpose = 'WALLET' do nothing
                    returning id)
                insert into payments.wallet (id, user_id, handle, display_name, owner_kind)
                select id, $2, $3, $4, $5 from account""")
                .bind(0, UUID.randomUUID()).bind(1, user.value()).bind(2, handle).bind(3, displayName).bind(4, kind.name())
                .then();
    }

    /**
     * Opens the wallets of these users that have none, in one statement (as {@link #open} does one by one); a user
     * whose wallet exists, or is being opened by another transaction, is left as it is.
     */
    Mono<Void> openAll(Collection<UserSummary> users) {
        if (users.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                with u as (
                    select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as u(user_id, handle, display_name, kind)
                ), account as (
                    insert into payments.account (id, kind, purpose, owner_id)
                    select gen_random_uuid(), 'USER', 'WALLET', user_id from u order by user_id
                    on conflict (owner_id) where purpose = 'WALLET' do nothing
                    returning id, owner_id)
                insert into payments.wallet (id, user_id, handle, display_name, owner_kind)
                select a.id, u.user_id, u.handle, u.display_name, u.kind from account a join u on u.user_id = a.owner_id""")
                .bind(0, users.stream().map(u -> u.id().value()).toArray(UUID[]::new))
                .bind(1, users.stream().map(UserSummary::handle).toArray(String[]::new))
                .bind(2, users.stream().map(UserSummary::displayName).toArray(String[]::new))
                .bind(3, users.stream().map(u -> u.kind().name()).toArray(String[]::new))
                .then();
    }

    /** The wallet ids of these users that have one: one query, ids only. */
    Mono<Map<UserId, WalletId>> idsByUsers(Collection<UserId> users) {
        return db.sql("select user_id, id from payments.wallet where user_id = any($1::uuid[])")
                .bind(0, users.stream().map(UserId::value).toArray(UUID[]::new))
                .map(r -> Map.entry(new UserId(r.get("user_id", UUID.class)), new WalletId(r.get("id", UUID.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
    }

    Mono<WalletRow> findByUser(UserId user, ZoneId zone) {
        return db.sql("select " + columns(2) + " from payments.wallet w join payments.account a on a.id = w.id where w.user_id = $1")
                .bind(0, user.value()).bind(1, zone.getId())
                .map(WalletStore::read).one();
    }

    Flux<WalletRow> findByUsers(List<UserId> users, ZoneId zone) {
        return db.sql("select " + columns(2) + " from payments.wallet w join payments.account a on a.id = w.id where w.user_id = any($1)")
                .bind(0, users.stream().map(UserId::value).toArray(UUID[]::new)).bind(1, zone.getId())
                .map(WalletStore::read).all();
    }

    Flux<WalletRow> charities(ZoneId zone) {
        return db.sql("select " + columns(1) + " from payments.wallet w join payments.account a on a.id = w.id "
                + "where w.owner_kind = 'CHARITY' order by w.handle")
                .bind(0, zone.getId())
                .map(WalletStore::read).all();
    }

    /** Adds a confirmed payment to the payer's total of today; runs under the payer's wallet lock. */
    Mono<Void> addSentToday(WalletId wallet, LocalDate today, long amount) {
        return db.sql("""
                update payments.wallet
                set sent_today = case when sent_day = $2 then sent_today else 0 end + $3, sent_day = $2
                where id = $1""")
                .bind(0, wallet.value()).bind(1, today).bind(2, amount).then();
    }

    /** One line of a wallet's statement. */
    record Line(long seq, UUID transferId, String kind, String reference, long amount, long balanceAfter,
            String counterpartyHandle, String memo, Instant at) {
    }

    /** The wallet's entries, newest first, before {@code beforeSeq} when given. */
    Flux<Line> statement(WalletId wallet, Long beforeSeq, int limit) {
        return db.sql("""
                select e.seq, e.transfer_id, t.kind, t.reference, e.amount, e.balance_after, cw.handle as counterparty, e.memo, e.created_at
                from payments.entry e
                join payments.transfer t on t.id = e.transfer_id
                left join payments.wallet cw on cw.id = e.counterparty_id
                where e.account_id = $1 and ($2::bigint is null or e.seq < $2)
                order by e.seq desc limit $3""")
                .bind(0, wallet.value()).bind(1, Parameter.fromOrEmpty(beforeSeq, Long.class)).bind(2, limit)
                .map(r -> new Line(r.get("seq", Long.class), r.get("transfer_id", UUID.class), r.get("kind", String.class),
                        r.get("reference", String.class), r.get("amount", Long.class), r.get("balance_after", Long.class),
                        r.get("counterparty", String.class), r.get("memo", String.class), r.get("created_at", Instant.class)))
                .all();
    }

    private static WalletRow read(Readable r) {
        var sent = r.get("sent_today", Long.class);
        return new WalletRow(new WalletId(r.get("id", UUID.class)), new UserId(r.get("user_id", UUID.class)),
                r.get("handle", String.class), r.get("display_name", String.class),
                AccountKind.valueOf(r.get("owner_kind", String.class)), r.get("balance", Long.class), r.get("held", Long.class),
                r.get("sent_day", LocalDate.class), sent == null ? 0 : sent, r.get("today", LocalDate.class));
    }
}
