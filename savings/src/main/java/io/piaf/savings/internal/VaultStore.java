package io.piaf.savings.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.payments.WalletId;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.domain.Goal;
import io.piaf.savings.internal.domain.Interest;
import io.piaf.savings.internal.domain.SavingSchedule;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Vault rows. Every write that follows a ledger posting runs in the posting's transaction, after the row's lock. */
@Component
class VaultStore {

    private static final String SELECT = """
            select v.id, v.user_id, v.wallet_id, v.name, v.status, v.goal_amount, v.goal_date, v.goal_reached_at,
                   v.round_up_multiplier, v.balance, v.interest_earned, v.accrued_units, v.accrued_through, v.paid_through,
                   v.created_at, v.closed_at, s.amount as s_amount, s.frequency as s_frequency, s.day as s_day,
                   s.next_run as s_next_run, s.last_run as s_last_run, s.last_outcome as s_last_outcome
            from savings.vault v left join savings.schedule s on s.vault_id = v.id
            """;

    private final DatabaseClient db;

    VaultStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(VaultId id, UserId owner, WalletId wallet, String name, Goal goal, Interest.Position position, Instant now) {
        return db.sql("""
                insert into savings.vault (id, user_id, wallet_id, name, goal_amount, goal_date, accrued_through, paid_through, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .bind(0, id.value()).bind(1, owner.value()).bind(2, wallet.value()).bind(3, name)
                .bind(4, Parameter.fromOrEmpty(goal == null ? null : goal.cents(), Long.class))
                .bind(5, Parameter.fromOrEmpty(goal == null ? null : goal.date(), LocalDate.class))
                .bind(6, position.accruedThrough()).bind(7, position.paidThrough()).bind(8, now)
                .then();
    }

    /** The caller's vault, or empty: another user's vault is as unknown as a vault that does not exist. */
    Mono<VaultRow> find(VaultId id, UserId owner) {
        return db.sql(SELECT + "where v.id = $1 and v.user_id = $2").bind(0, id.value()).bind(1, owner.value())
                .map(VaultStore::read).one();
    }

    /** The caller's vault, locked until the transaction ends: every change to a vault takes this lock first. */
    Mono<VaultRow> lock(VaultId id, UserId owner) {
        return db.sql(SELECT + "where v.id = $1 and v.user_id = $2 for update of v").bind(0, id.value()).bind(1, owner.value())
                .map(VaultStore::read).one();
    }

    /** A vault by id alone, for jobs and listeners (which took its lock already or take none). */
    Mono<VaultRow> byId(VaultId id) {
        return db.sql(SELECT + "where v.id = $1").bind(0, id.value()).map(VaultStore::read).one();
    }

    /** The open vault receiving the user's round-ups, locked. */
    Mono<VaultRow> lockRoundUpTarget(UserId owner) {
        return db.sql(SELECT + "where v.user_id = $1 and v.round_up_multiplier is not null and v.status = 'OPEN' for update of v")
                .bind(0, owner.value()).map(VaultStore::read).one();
    }

    /** Open vaults first, then closed ones; newest first in each. */
    /** A user's vaults listed at most: the open ones (far fewer), then the newest closed ones. */
    static final int LIST_MAX = 200;

    Flux<VaultRow> list(UserId owner) {
        return db.sql(SELECT + "where v.user_id = $1 order by v.status = 'OPEN' desc, v.created_at desc, v.id limit " + LIST_MAX)
                .bind(0, owner.value()).map(VaultStore::read).all();
    }

    Mono<Long> countOpen(UserId owner) {
        return db.sql("select count(*) from savings.vault where user_id = $1 and status = 'OPEN'")
                .bind(0, owner.value()).map(r -> r.get(0, Long.class)).one();
    }

    /** The vault's balance after a posting, and the moment its goal was reached when this posting reached it. */
    Mono<Void> moved(VaultId id, long balanceAfter, Instant goalReachedAt) {
        return db.sql("update savings.vault set balance = $2, goal_reached_at = coalesce(goal_reached_at, $3) where id = $1")
                .bind(0, id.value()).bind(1, balanceAfter).bind(2, Parameter.fromOrEmpty(goalReachedAt, Instant.class))
                .then();
    }

    Mono<Void> rename(VaultId id, String name) {
        return db.sql("update savings.vault set name = $2 where id = $1").bind(0, id.value()).bind(1, name).then();
    }

    /** A new goal (or none) arms "goal reached" again; {@code reachedAt} is set when the balance already meets it. */
    Mono<Void> setGoal(VaultId id, Goal goal, Instant reachedAt) {
        return db.sql("update savings.vault set goal_amount = $2, goal_date = $3, goal_reached_at = $4 where id = $1")
                .bind(0, id.value())
                .bind(1, Parameter.fromOrEmpty(goal == null ? null : goal.cents(), Long.class))
                .bind(2, Parameter.fromOrEmpty(goal == null ? null : goal.date(), LocalDate.class))
                .bind(3, Parameter.fromOrEmpty(reachedAt, Instant.class))
                .then();
    }

    /** Round-ups go to this vault only (null: none): the user's other vaults stop receiving them. */
    Mono<Void> setRoundUps(VaultId id, UserId owner, Integer multiplier) {
        var clear = db.sql("update savings.vault set round_up_multiplier = null where user_id = $1 and id <> $2 and round_up_multiplier is not null")
                .bind(0, owner.value()).bind(1, id.value()).then();
        return clear.then(db.sql("update savings.vault set round_up_multiplier = $2 where id = $1")
                .bind(0, id.value()).bind(1, Parameter.fromOrEmpty(multiplier == null ? null : multiplier.shortValue(), Short.class))
                .then());
    }

    Mono<Void> close(VaultId id, Interest.Position settled, long interestPaid, Instant now) {
        return db.sql("""
                update savings.vault set status = 'CLOSED', closed_at = $2, balance = 0, round_up_multiplier = null,
                    accrued_units = 0, accrued_through = $3, paid_through = $4, interest_earned = interest_earned + $5
                where id = $1""")
                .bind(0, id.value()).bind(1, now).bind(2, settled.accruedThrough()).bind(3, settled.paidThrough())
                .bind(4, interestPaid)
                .then();
    }

    Mono<Void> saveSchedule(VaultId id, SavingSchedule schedule, LocalDate nextRun, Instant now) {
        return db.sql("""
                insert into savings.schedule (vault_id, amount, frequency, day, next_run, updated_at) values ($1, $2, $3, $4, $5, $6)
                on conflict (vault_id) do update set amount = excluded.amount, frequency = excluded.frequency, day = excluded.day,
                    next_run = excluded.next_run, updated_at = excluded.updated_at""")
                .bind(0, id.value()).bind(1, schedule.cents()).bind(2, schedule.frequency().name())
                .bind(3, (short) schedule.day()).bind(4, nextRun).bind(5, now)
                .then();
    }

    Mono<Void> deleteSchedule(VaultId id) {
        return db.sql("delete from savings.schedule where vault_id = $1").bind(0, id.value()).then();
    }

    static VaultRow read(Readable r) {
        var goalAmount = r.get("goal_amount", Long.class);
        var multiplier = r.get("round_up_multiplier", Short.class);
        var scheduleAmount = r.get("s_amount", Long.class);
        VaultRow.Schedule schedule = null;
        if (scheduleAmount != null) {
            var rule = new SavingSchedule(scheduleAmount, SavingSchedule.Frequency.valueOf(r.get("s_frequency", String.class)),
                    r.get("s_day", Short.class));
            schedule = new VaultRow.Schedule(rule, r.get("s_next_run", LocalDate.class), r.get("s_last_run", LocalDate.class),
                    r.get("s_last_outcome", String.class));
        }
        return new VaultRow(new VaultId(r.get("id", UUID.class)), new UserId(r.get("user_id", UUID.class)),
                new WalletId(r.get("wallet_id", UUID.class)), r.get("name", String.class), "OPEN".equals(r.get("status", String.class)),
                goalAmount == null ? null : new Goal(goalAmount, r.get("goal_date", LocalDate.class)),
                r.get("goal_reached_at", Instant.class), multiplier == null ? null : multiplier.intValue(),
                r.get("balance", Long.class), r.get("interest_earned", Long.class),
                new Interest.Position(r.get("accrued_through", LocalDate.class), r.get("paid_through", LocalDate.class),
                        r.get("accrued_units", Long.class)),
                r.get("created_at", Instant.class), r.get("closed_at", Instant.class), schedule);
    }
}
