package io.piaf.savings.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.savings.VaultId;
import io.piaf.savings.internal.domain.Interest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The interest job's SQL: set-based, one chunk of vaults (a range of seq) per statement. */
@Component
class AccrualStore {

    /**
     * One day's interest on each vault of the chunk that is due for it: its end-of-day balance (its balance now, less
     * what moved in after that day by value day) times the day's rate, in units (see {@link Interest}). Only vaults
     * accrued through the day before, whose previous month is credited: running it twice, or on two instances,
     * accrues a day once. Runs in REPEATABLE READ, so that the balance and the movements are read from one snapshot
     * (a vault moved meanwhile makes the statement fail and the chunk run again).
     */
    static final String ACCRUE = """
            update savings.vault v
            set accrued_units = v.accrued_units + (v.balance - coalesce(
                    (select sum(m.amount) from savings.movement m where m.vault_id = v.id and m.value_day > $1), 0))::bigint * $2,
                accrued_through = $1
            where v.seq between $3 and $4 and v.status = 'OPEN' and v.accrued_through = $1 - 1
              and v.paid_through >= date_trunc('month', $1)::date - 1""";

    /** A vault due for its month's credit, locked. */
    record Due(VaultId id, UserId owner, String name, long balance, long units, Long goal, Instant goalReachedAt) {
    }

    private final DatabaseClient db;

    AccrualStore(DatabaseClient db) {
        this.db = db;
    }

    /** Takes this chunk for this transaction, unless another instance has it. */
    Mono<Boolean> tryLock(int kind, long chunk) {
        return db.sql("select pg_try_advisory_xact_lock($1, $2)").bind(0, kind).bind(1, (int) chunk)
                .map(r -> r.get(0, Boolean.class)).one();
    }

    Mono<Long> accrue(LocalDate day, int ratePpm, long fromSeq, long toSeq) {
        return db.sql(ACCRUE).bind(0, day).bind(1, (long) ratePpm).bind(2, fromSeq).bind(3, toSeq).fetch().rowsUpdated();
    }

    Mono<Long> maxSeq() {
        return db.sql("select coalesce(max(seq), 0) from savings.vault").map(r -> r.get(0, Long.class)).one();
    }

    Mono<LocalDate> lastCompletedDay() {
        return db.sql("select max(day) from savings.accrual_day").map(r -> java.util.Optional.ofNullable(r.get(0, LocalDate.class)))
                .one().flatMap(o -> Mono.justOrEmpty(o));
    }

    /** The earliest day some open vault is accrued through (one scan, once per new day). */
    Mono<LocalDate> earliestAccrued() {
        return db.sql("select min(accrued_through) from savings.vault where status = 'OPEN'")
                .map(r -> java.util.Optional.ofNullable(r.get(0, LocalDate.class))).one().flatMap(o -> Mono.justOrEmpty(o));
    }

    Mono<Void> completed(LocalDate day) {
        return db.sql("insert into savings.accrual_day (day) values ($1) on conflict (day) do nothing").bind(0, day).then();
    }

    /** Vaults of the chunk accrued through {@code monthEnd} and not credited for its month, locked in seq order. */
    Flux<Due> lockDue(LocalDate monthEnd, long fromSeq, long toSeq) {
        return db.sql("""
                select id, user_id, name, balance, accrued_units, goal_amount, goal_reached_at from savings.vault
                where seq between $2 and $3 and status = 'OPEN' and accrued_through >= $1 and paid_through < $1
                order by seq for update""")
                .bind(0, monthEnd).bind(1, fromSeq).bind(2, toSeq)
                .map(r -> new Due(new VaultId(r.get("id", UUID.class)), new UserId(r.get("user_id", UUID.class)), r.get("name", String.class),
                        r.get("balance", Long.class), r.get("accrued_units", Long.class), r.get("goal_amount", Long.class),
                        r.get("goal_reached_at", Instant.class)))
                .all();
    }

    /** The month is paid: credited cents added (0 for a vault that earned less than a cent), the rest carried. */
    Mono<Void> paid(LocalDate monthEnd, List<Due> due, long[] cents, long[] balances, boolean[] reached, Instant at) {
        var reachedBoxed = new Boolean[reached.length];
        for (var i = 0; i < reached.length; i++) {
            reachedBoxed[i] = reached[i];
        }
        return db.sql("""
                update savings.vault v
                set balance = u.balance, accrued_units = v.accrued_units - u.cents * $5, interest_earned = v.interest_earned + u.cents,
                    paid_through = $6, goal_reached_at = case when u.reached then $7 else v.goal_reached_at end
                from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::boolean[]) as u(id, cents, balance, reached)
                where v.id = u.id""")
                .bind(0, due.stream().map(d -> d.id().value()).toArray(UUID[]::new))
                .bind(1, java.util.Arrays.stream(cents).boxed().toArray(Long[]::new))
                .bind(2, java.util.Arrays.stream(balances).boxed().toArray(Long[]::new))
                .bind(3, reachedBoxed).bind(4, Interest.UNITS_PER_CENT).bind(5, monthEnd).bind(6, at)
                .then();
    }

    /** One INTEREST movement per credited vault, value-dated the 1st after the month. */
    Mono<Void> interestMovements(UUID transfer, List<VaultId> vaults, List<Long> cents, List<Long> balances, LocalDate valueDay, Instant at) {
        return db.sql("""
                insert into savings.movement (id, transfer_id, vault_id, kind, amount, balance_after, value_day, created_at)
                select gen_random_uuid(), $1, u.id, 'INTEREST', u.cents, u.balance, $5, $6
                from unnest($2::uuid[], $3::bigint[], $4::bigint[]) as u(id, cents, balance)""")
                .bind(0, transfer).bind(1, vaults.stream().map(VaultId::value).toArray(UUID[]::new))
                .bind(2, cents.toArray(Long[]::new)).bind(3, balances.toArray(Long[]::new)).bind(4, valueDay).bind(5, at)
                .then();
    }
}
