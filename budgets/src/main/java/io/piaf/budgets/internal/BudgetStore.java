package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.budgets.internal.domain.SplitMode;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.WalletId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Budgets' tables. The budget_month row is the lock that orders a month's life: a flattr takes it FOR SHARE, the
 * close FOR UPDATE (skipping rows another instance holds), so no flattr slips in while the close counts them.
 */
@Component
class BudgetStore {

    private static final String BUDGET = "select user_id, monthly, split, account_id, wallet_id, active, unfunded_month, public_flattrs from budgets.budget";
    private static final String MONTH = "select user_id, month, amount, fee_bps, split, status, fee, closed_at from budgets.budget_month";

    private final DatabaseClient db;

    BudgetStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<BudgetRow> find(UserId user) {
        return db.sql(BUDGET + " where user_id = $1").bind(0, user.value()).map(BudgetStore::budget).one();
    }

    Flux<BudgetRow> budgets(List<UUID> users) {
        return db.sql(BUDGET + " where user_id = any($1::uuid[])").bind(0, users.toArray(UUID[]::new)).map(BudgetStore::budget).all();
    }

    Mono<BudgetRow> lock(UserId user) {
        return db.sql(BUDGET + " where user_id = $1 for no key update").bind(0, user.value()).map(BudgetStore::budget).one();
    }

    Mono<Void> insert(BudgetRow b, Instant at) {
        return db.sql("""
                insert into budgets.budget (user_id, monthly, split, account_id, wallet_id, active, created_at, updated_at)
                values ($1, $2, $3, $4, $5, true, $6, $6)""")
                .bind(0, b.user().value()).bind(1, b.monthly()).bind(2, b.split().name()).bind(3, b.account().value())
                .bind(4, b.wallet().value()).bind(5, at).then();
    }

    Mono<Void> update(UserId user, long monthly, SplitMode split, boolean active, Instant at) {
        return db.sql("update budgets.budget set monthly = $2, split = $3, active = $4, unfunded_month = null, updated_at = $5 where user_id = $1")
                .bind(0, user.value()).bind(1, monthly).bind(2, split.name()).bind(3, active).bind(4, at).then();
    }

    Mono<Void> deactivate(UserId user, Instant at) {
        return db.sql("update budgets.budget set active = false, updated_at = $2 where user_id = $1").bind(0, user.value()).bind(1, at).then();
    }

    Mono<MonthRow> month(UserId user, LocalDate month) {
        return db.sql(MONTH + " where user_id = $1 and month = $2").bind(0, user.value()).bind(1, month).map(BudgetStore::month).one();
    }

    /** The month FOR SHARE (a flattr) or FOR UPDATE (a change of split), in the caller's transaction. */
    Mono<MonthRow> lockMonth(UserId user, LocalDate month, boolean exclusive) {
        return db.sql(MONTH + " where user_id = $1 and month = $2 " + (exclusive ? "for no key update" : "for share"))
                .bind(0, user.value()).bind(1, month).map(BudgetStore::month).one();
    }

    Mono<Void> insertMonth(UserId user, LocalDate month, long amount, int feeBps, SplitMode split, Instant at) {
        return db.sql("""
                insert into budgets.budget_month (user_id, month, amount, fee_bps, split, status, funded_at)
                values ($1, $2, $3, $4, $5, 'OPEN', $6) on conflict (user_id, month) do nothing""")
                .bind(0, user.value()).bind(1, month).bind(2, amount).bind(3, feeBps).bind(4, split.name()).bind(5, at).then()
                .then(expectSettlement(month));
    }

    Mono<Void> setSplit(UserId user, LocalDate month, SplitMode split) {
        return db.sql("update budgets.budget_month set split = $3 where user_id = $1 and month = $2 and status = 'OPEN'")
                .bind(0, user.value()).bind(1, month).bind(2, split.name()).then();
    }

    Mono<Void> savePost(UUID post, UUID author, String handle, String visibility, Instant at) {
        return db.sql("""
                insert into budgets.post (post_id, author_id, author_handle, visibility, published_at) values ($1, $2, $3, $4, $5)
                on conflict (post_id) do nothing""")
                .bind(0, post).bind(1, author).bind(2, handle).bind(3, visibility).bind(4, at).then();
    }

    record Post(UUID id, UUID author, String authorHandle, String visibility) {
    }

    Mono<Post> post(UUID id) {
        return db.sql("select post_id, author_id, author_handle, visibility from budgets.post where post_id = $1").bind(0, id)
                .map(r -> new Post(r.get("post_id", UUID.class), r.get("author_id", UUID.class), r.get("author_handle", String.class),
                        r.get("visibility", String.class))).one();
    }

    Mono<Long> flattrCount(UserId user, LocalDate month) {
        return db.sql("select count(*) from budgets.flattr where user_id = $1 and month = $2").bind(0, user.value()).bind(1, month)
                .map(r -> ((Number) r.get(0)).longValue()).one();
    }

    /** False when the user flattred this post this month already. */
    Mono<Boolean> insertFlattr(UserId user, LocalDate month, Post post, Instant at) {
        return db.sql("""
                insert into budgets.flattr (user_id, month, post_id, creator_id, created_at) values ($1, $2, $3, $4, $5)
                on conflict (user_id, month, post_id) do nothing""")
                .bind(0, user.value()).bind(1, month).bind(2, post.id()).bind(3, post.author()).bind(4, at)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /**
     * The flattrs of these budget months, oldest first (the split's tie order), with their creators' handles (for the
     * preview). Driven from the months, each read by the flattr key (LATERAL): a plan guessing the array's size could
     * otherwise scan every flattr for each batch.
     */
    Flux<FlattrRow> flattrs(List<UUID> users, List<LocalDate> months) {
        return db.sql("""
                select f.user_id, f.month, f.post_id, f.creator_id, p.author_handle, f.created_at
                from unnest($1::uuid[], $2::date[]) as m(user_id, month)
                cross join lateral (select * from budgets.flattr f where f.user_id = m.user_id and f.month = m.month) f
                join budgets.post p on p.post_id = f.post_id
                order by f.created_at, f.post_id""")
                .bind(0, users.toArray(UUID[]::new)).bind(1, months.toArray(LocalDate[]::new))
                .map(r -> new FlattrRow(r.get("user_id", UUID.class), r.get("month", LocalDate.class), r.get("post_id", UUID.class),
                        r.get("creator_id", UUID.class), r.get("author_handle", String.class), r.get("created_at", Instant.class)))
                .all();
    }

    /**
     * {@link #flattrs} for the close, a million rows a month: without the handles (the post lookups were two thirds of
     * the read), each row naming its month by its place in the arguments, and the time as microseconds: parsing
     * timestamps and dates from text was a sixth of the close's CPU in the application.
     */
    Flux<FlattrRow> flattrsToPay(List<UUID> users, List<LocalDate> months) {
        return db.sql("""
                select m.ord::int as ord, f.post_id, f.creator_id, (extract(epoch from f.created_at) * 1000000)::bigint as at_micros
                from unnest($1::uuid[], $2::date[]) with ordinality as m(user_id, month, ord)
                cross join lateral (select * from budgets.flattr f where f.user_id = m.user_id and f.month = m.month) f
                order by f.created_at, f.post_id""")
                .bind(0, users.toArray(UUID[]::new)).bind(1, months.toArray(LocalDate[]::new))
                .map(r -> {
                    var i = r.get("ord", Integer.class) - 1;
                    long micros = r.get("at_micros", Long.class);
                    return new FlattrRow(users.get(i), months.get(i), r.get("post_id", UUID.class), r.get("creator_id", UUID.class), null,
                            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L));
                })
                .all();
    }

    /** Open months before {@code month}, locked for their close; those another instance holds are skipped. */
    Flux<MonthRow> lockDue(LocalDate month, int limit) {
        return db.sql(MONTH + " where status = 'OPEN' and month < $1 order by month, user_id limit $2 for update skip locked")
                .bind(0, month).bind(1, limit).map(BudgetStore::month).all();
    }

    /** Active budgets with no row for {@code month} (and not refused for it), locked for funding. */
    Flux<BudgetRow> lockUnfunded(LocalDate month, int limit) {
        return db.sql(BUDGET + """
                 b where b.active and b.unfunded_month is distinct from $1
                and not exists (select 1 from budgets.budget_month m where m.user_id = b.user_id and m.month = $1)
                order by b.user_id limit $2 for no key update skip locked""")
                .bind(0, month).bind(1, limit).map(BudgetStore::budget).all();
    }

    Mono<Void> unfunded(List<UUID> users, LocalDate month) {
        return users.isEmpty() ? Mono.empty()
                : db.sql("update budgets.budget set unfunded_month = $2 where user_id = any($1::uuid[])")
                        .bind(0, users.toArray(UUID[]::new)).bind(1, month).then();
    }

    Mono<Void> insertMonths(List<BudgetRow> budgets, LocalDate month, int feeBps, Instant at) {
        return budgets.isEmpty() ? Mono.empty() : db.sql("""
                insert into budgets.budget_month (user_id, month, amount, fee_bps, split, status, funded_at)
                select u, $3, a, $4, s, 'OPEN', $5 from unnest($1::uuid[], $2::bigint[], $6::text[]) as b(u, a, s)
                on conflict (user_id, month) do nothing""")
                .bind(0, budgets.stream().map(b -> b.user().value()).toArray(UUID[]::new))
                .bind(1, budgets.stream().map(BudgetRow::monthly).toArray(Long[]::new))
                .bind(2, month).bind(3, feeBps).bind(4, at)
                .bind(5, budgets.stream().map(b -> b.split().name()).toArray(String[]::new)).then()
                .then(expectSettlement(month));
    }

    /** A closed month: its status, fee and transfer; the payouts of its split. */
    record Closed(UUID user, LocalDate month, String status, long fee, UUID transfer) {
    }

    record Payout(UUID user, LocalDate month, UUID creator, long amount, int flattrs) {
    }

    Mono<Void> close(List<Closed> months, List<Payout> payouts, Instant at) {
        var closeMonths = db.sql("""
                update budgets.budget_month m set status = c.status, fee = c.fee, transfer_id = c.transfer, closed_at = $6
                from unnest($1::uuid[], $2::date[], $3::text[], $4::bigint[], $5::uuid[]) as c(user_id, month, status, fee, transfer)
                where m.user_id = c.user_id and m.month = c.month and m.status = 'OPEN'""")
                .bind(0, months.stream().map(Closed::user).toArray(UUID[]::new))
                .bind(1, months.stream().map(Closed::month).toArray(LocalDate[]::new))
                .bind(2, months.stream().map(Closed::status).toArray(String[]::new))
                .bind(3, months.stream().map(Closed::fee).toArray(Long[]::new))
                .bind(4, months.stream().map(Closed::transfer).toArray(UUID[]::new))
                .bind(5, at).then();
        var insertPayouts = payouts.isEmpty() ? Mono.<Void>empty() : db.sql("""
                insert into budgets.payout (user_id, month, creator_id, amount, flattrs)
                select * from unnest($1::uuid[], $2::date[], $3::uuid[], $4::bigint[], $5::int[])""")
                .bind(0, payouts.stream().map(Payout::user).toArray(UUID[]::new))
                .bind(1, payouts.stream().map(Payout::month).toArray(LocalDate[]::new))
                .bind(2, payouts.stream().map(Payout::creator).toArray(UUID[]::new))
                .bind(3, payouts.stream().map(Payout::amount).toArray(Long[]::new))
                .bind(4, payouts.stream().map(Payout::flattrs).toArray(Integer[]::new)).then();
        return closeMonths.then(insertPayouts);
    }

    /**
     * {@code month} is to be settled once all its budgets have closed (written when the month is funded). A month funded
     * again after it was settled — only a clock between two instances that disagree at midnight, or a test closing
     * the current month, can do that — is settled again, so that its creators' totals count every payout.
     */
    Mono<Void> expectSettlement(LocalDate month) {
        return db.sql("""
                insert into budgets.month_settlement (month) values ($1)
                on conflict (month) do update set settled_at = null, creators = null, round = budgets.month_settlement.round + 1
                where budgets.month_settlement.settled_at is not null""")
                .bind(0, month).then();
    }

    /** A month to settle, and which time: a month funded again after it settled settles again, one round up. */
    record Settlement(LocalDate month, int round) {
    }

    /** Months before {@code month} whose creators have not been paid yet, locked; another instance's are skipped. */
    Flux<Settlement> lockUnsettled(LocalDate month) {
        return db.sql("select month, round from budgets.month_settlement where settled_at is null and month < $1 order by month for update skip locked")
                .bind(0, month).map(r -> new Settlement(r.get("month", LocalDate.class), r.get("round", Integer.class))).all();
    }

    Mono<Boolean> hasOpenBudgets(LocalDate month) {
        return db.sql("select exists (select 1 from budgets.budget_month where status = 'OPEN' and month = $1)").bind(0, month)
                .map(r -> Boolean.TRUE.equals(r.get(0, Boolean.class))).one();
    }

    record CreatorTotal(UUID creator, long amount, int payers, int flattrs) {
    }

    /**
     * What {@code month}'s payouts owe each creator beyond what its earlier rounds paid them, all payers together (the
     * creators owed something). Scans the month's payouts once a month: no index leads with the month, and one would
     * cost every payout's insert.
     */
    Flux<CreatorTotal> owedToCreators(LocalDate month) {
        return db.sql("""
                select t.creator_id, (t.amount - coalesce(c.amount, 0))::bigint as amount, (t.payers - coalesce(c.payers, 0))::int as payers,
                       (t.flattrs - coalesce(c.flattrs, 0))::int as flattrs
                from (select creator_id, sum(amount) as amount, count(*) as payers, sum(flattrs) as flattrs
                      from budgets.payout where month = $1 group by creator_id) t
                left join (select creator_id, sum(amount) as amount, sum(payers) as payers, sum(flattrs) as flattrs
                           from budgets.creator_payout where month = $1 group by creator_id) c on c.creator_id = t.creator_id
                where t.amount > coalesce(c.amount, 0) order by t.creator_id""")
                .bind(0, month)
                .map(r -> new CreatorTotal(r.get("creator_id", UUID.class), r.get("amount", Long.class), r.get("payers", Integer.class),
                        r.get("flattrs", Integer.class))).all();
    }

    /** The round's pay of each creator, with the transfer that moved it. */
    Mono<Void> paidCreators(Settlement settlement, List<CreatorTotal> paid, List<UUID> transfers, Instant at) {
        return paid.isEmpty() ? Mono.empty() : db.sql("""
                insert into budgets.creator_payout (month, creator_id, round, amount, payers, flattrs, transfer_id, paid_at)
                select $1, c, $2, a, p, f, t, $8 from unnest($3::uuid[], $4::bigint[], $5::int[], $6::int[], $7::uuid[]) as x(c, a, p, f, t)""")
                .bind(0, settlement.month()).bind(1, settlement.round())
                .bind(2, paid.stream().map(CreatorTotal::creator).toArray(UUID[]::new))
                .bind(3, paid.stream().map(CreatorTotal::amount).toArray(Long[]::new))
                .bind(4, paid.stream().map(CreatorTotal::payers).toArray(Integer[]::new))
                .bind(5, paid.stream().map(CreatorTotal::flattrs).toArray(Integer[]::new))
                .bind(6, transfers.toArray(UUID[]::new)).bind(7, at).then();
    }

    Mono<Void> settled(LocalDate month, int creators, Instant at) {
        return db.sql("update budgets.month_settlement set settled_at = $2, creators = $3 where month = $1")
                .bind(0, month).bind(1, at).bind(2, creators).then();
    }

    /** What a user's closed month paid each creator (the close's record, not a new computation). */
    Flux<Payout> payouts(UserId user, LocalDate month) {
        return db.sql("select user_id, month, creator_id, amount, flattrs from budgets.payout where user_id = $1 and month = $2")
                .bind(0, user.value()).bind(1, month)
                .map(r -> new Payout(r.get("user_id", UUID.class), r.get("month", LocalDate.class), r.get("creator_id", UUID.class),
                        r.get("amount", Long.class), r.get("flattrs", Integer.class))).all();
    }

    /** A payer's flattr of a creator's post in a closed month, with what that month paid the creator. */
    record PaidFlattr(UUID user, UUID post, long payout) {
    }

    /** The flattrs a creator was paid for in {@code month}, per payer in the order the split ranks them (oldest first). */
    Flux<PaidFlattr> paidFlattrs(UserId creator, LocalDate month) {
        return db.sql("""
                select p.user_id, f.post_id, p.amount from budgets.payout p
                join budgets.flattr f on f.user_id = p.user_id and f.month = p.month and f.creator_id = p.creator_id
                where p.creator_id = $1 and p.month = $2 order by p.user_id, f.created_at, f.post_id""")
                .bind(0, creator.value()).bind(1, month)
                .map(r -> new PaidFlattr(r.get("user_id", UUID.class), r.get("post_id", UUID.class), r.get("amount", Long.class))).all();
    }

    record MonthEarning(LocalDate month, long amount, int flattrs) {
    }

    /** A creator's earnings per month, the last twelve months that paid them. */
    Flux<MonthEarning> earningsPerMonth(UserId creator) {
        return db.sql("""
                select month, sum(amount)::bigint as amount, sum(flattrs)::int as flattrs from budgets.payout
                where creator_id = $1 group by month order by month desc limit 12""")
                .bind(0, creator.value())
                .map(r -> new MonthEarning(r.get("month", LocalDate.class), r.get("amount", Long.class), r.get("flattrs", Integer.class))).all();
    }

    private static BudgetRow budget(Readable r) {
        return new BudgetRow(new UserId(r.get("user_id", UUID.class)), r.get("monthly", Long.class), SplitMode.valueOf(r.get("split", String.class)),
                new AccountId(r.get("account_id", UUID.class)), new WalletId(r.get("wallet_id", UUID.class)),
                Boolean.TRUE.equals(r.get("active", Boolean.class)), r.get("unfunded_month", LocalDate.class),
                Boolean.TRUE.equals(r.get("public_flattrs", Boolean.class)));
    }

    private static MonthRow month(Readable r) {
        return new MonthRow(new UserId(r.get("user_id", UUID.class)), r.get("month", LocalDate.class), r.get("amount", Long.class),
                r.get("fee_bps", Integer.class), SplitMode.valueOf(r.get("split", String.class)), r.get("status", String.class),
                r.get("fee", Long.class), r.get("closed_at", Instant.class));
    }
}
