package io.piaf.pots.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.TransferId;
import io.piaf.pots.PotId;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pots' tables. Totals change only with the contribution or withdrawal row that makes them, in one statement. */
@Component
class PotStore {

    private static final String POT = """
            id, slug, organiser_id, organiser_handle, title, description, target, ends_at, contribution_visibility,
            account_id, status, collected, withdrawn, created_at""";
    /** Counted when read, so that two first contributions by one person completing together count once. */
    private static final String POT_READ = "select " + POT + """
            , (select count(distinct c.contributor_id) from pots.contribution c where c.pot_id = pot.id and c.status = 'COMPLETED')::int
            as contributors from pots.pot""";
    private static final String CONTRIBUTION = """
            id, pot_id, contributor_id, contributor_handle, amount, anonymous, hide_amount, note, payment_id, status,
            created_at, completed_at""";

    private final DatabaseClient db;

    PotStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the pot unless its slug is taken: true when inserted. */
    Mono<Boolean> insert(PotRow p) {
        return db.sql("insert into pots.pot (" + POT + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'OPEN', 0, 0, $11) "
                        + "on conflict (slug) do nothing")
                .bind(0, p.id().value()).bind(1, p.slug()).bind(2, p.organiser().value()).bind(3, p.organiserHandle())
                .bind(4, p.title()).bind(5, nullable(p.description(), String.class)).bind(6, nullable(p.target(), Long.class))
                .bind(7, nullable(p.endsAt(), Instant.class)).bind(8, p.visibility().name()).bind(9, p.account().value())
                .bind(10, p.createdAt())
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<PotRow> find(PotId id) {
        return db.sql(POT_READ + " where id = $1").bind(0, id.value()).map(PotStore::pot).one();
    }

    Mono<PotRow> findBySlug(String slug) {
        return db.sql(POT_READ + " where slug = $1").bind(0, slug).map(PotStore::pot).one();
    }

    /** Locks the pot row for the rest of the transaction: closing, contributing and withdrawing queue on it. */
    Mono<PotRow> lock(PotId id) {
        return db.sql(POT_READ + " where id = $1 for update").bind(0, id.value()).map(PotStore::pot).one();
    }

    Flux<PotRow> byOrganiser(UserId organiser, int limit) {
        return db.sql(POT_READ + " where organiser_id = $1 order by created_at desc limit $2")
                .bind(0, organiser.value()).bind(1, limit).map(PotStore::pot).all();
    }

    Mono<Void> close(PotId id, Instant at) {
        return db.sql("update pots.pot set status = 'CLOSED', closed_at = $2 where id = $1 and status = 'OPEN'")
                .bind(0, id.value()).bind(1, at).then();
    }

    Mono<Void> insert(ContributionRow c) {
        return db.sql("insert into pots.contribution (" + CONTRIBUTION + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, null)")
                .bind(0, c.id()).bind(1, c.pot().value()).bind(2, c.contributor().value()).bind(3, c.contributorHandle())
                .bind(4, c.amount()).bind(5, c.anonymous()).bind(6, c.hideAmount()).bind(7, nullable(c.note(), String.class))
                .bind(8, c.payment().value()).bind(9, c.createdAt())
                .then();
    }

    /**
     * Completes the contribution of a payment and adds it to its pot's totals, once: a second delivery of the same
     * payment's event finds it completed and changes nothing. Empty when no pending contribution has this payment.
     */
    Mono<ContributionRow> complete(PaymentId payment, Instant at) {
        return db.sql("""
                with done as (
                    update pots.contribution set status = 'COMPLETED', completed_at = $2
                    where payment_id = $1 and status = 'PENDING'
                    returning""" + " " + CONTRIBUTION + """
                ), totals as (
                    update pots.pot p set collected = p.collected + d.amount from done d where p.id = d.pot_id
                )
                select * from done""")
                .bind(0, payment.value()).bind(1, at).map(PotStore::contribution).one();
    }

    Mono<Void> cancel(PaymentId payment) {
        return db.sql("update pots.contribution set status = 'CANCELLED' where payment_id = $1 and status = 'PENDING'")
                .bind(0, payment.value()).then();
    }

    /** Completed contributions, newest first, from the keyset position after ({@code at}, {@code id}) when given. */
    Flux<ContributionRow> completed(PotId pot, Instant at, UUID id, int limit) {
        var sql = "select " + CONTRIBUTION + " from pots.contribution where pot_id = $1 and status = 'COMPLETED' "
                + (at == null ? "" : "and (completed_at, id) < ($3, $4) ") + "order by completed_at desc, id desc limit $2";
        var spec = db.sql(sql).bind(0, pot.value()).bind(1, limit);
        if (at != null) {
            spec = spec.bind(2, at).bind(3, id);
        }
        return spec.map(PotStore::contribution).all();
    }

    Mono<Void> withdraw(PotId pot, UUID id, long amount, TransferId transfer, Instant at) {
        return db.sql("""
                with w as (insert into pots.withdrawal (id, pot_id, amount, transfer_id, created_at) values ($1, $2, $3, $4, $5))
                update pots.pot set withdrawn = withdrawn + $3 where id = $2""")
                .bind(0, id).bind(1, pot.value()).bind(2, amount).bind(3, transfer.value()).bind(4, at)
                .then();
    }

    Mono<Void> recordFollow(UserId follower, UserId followee, boolean following, Instant at) {
        return db.sql("""
                insert into pots.follow (follower_id, followee_id, following, changed_at) values ($1, $2, $3, $4)
                on conflict (follower_id, followee_id) do update set following = excluded.following, changed_at = excluded.changed_at
                where pots.follow.changed_at <= excluded.changed_at""")
                .bind(0, follower.value()).bind(1, followee.value()).bind(2, following).bind(3, at)
                .then();
    }

    Mono<Boolean> follows(UserId follower, UserId followee) {
        return db.sql("select exists (select 1 from pots.follow where follower_id = $1 and followee_id = $2 and following)")
                .bind(0, follower.value()).bind(1, followee.value())
                .map(r -> Boolean.TRUE.equals(r.get(0, Boolean.class))).one();
    }

    private static Object nullable(Object value, Class<?> type) {
        return value == null ? org.springframework.r2dbc.core.Parameter.empty(type) : value;
    }

    private static PotRow pot(Readable r) {
        return new PotRow(new PotId(r.get("id", UUID.class)), r.get("slug", String.class), new UserId(r.get("organiser_id", UUID.class)),
                r.get("organiser_handle", String.class), r.get("title", String.class), r.get("description", String.class),
                r.get("target", Long.class), r.get("ends_at", Instant.class),
                ContributionPrivacy.Visibility.valueOf(r.get("contribution_visibility", String.class)),
                new AccountId(r.get("account_id", UUID.class)), "CLOSED".equals(r.get("status", String.class)),
                r.get("collected", Long.class), r.get("contributors", Integer.class), r.get("withdrawn", Long.class),
                r.get("created_at", Instant.class));
    }

    private static ContributionRow contribution(Readable r) {
        return new ContributionRow(r.get("id", UUID.class), new PotId(r.get("pot_id", UUID.class)),
                new UserId(r.get("contributor_id", UUID.class)), r.get("contributor_handle", String.class), r.get("amount", Long.class),
                Boolean.TRUE.equals(r.get("anonymous", Boolean.class)), Boolean.TRUE.equals(r.get("hide_amount", Boolean.class)),
                r.get("note", String.class), new PaymentId(r.get("payment_id", UUID.class)), r.get("status", String.class),
                r.get("created_at", Instant.class), r.get("completed_at", Instant.class));
    }
}
