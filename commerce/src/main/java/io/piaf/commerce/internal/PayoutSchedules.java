package io.piaf.commerce.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.piaf.commerce.MerchantId;
import io.piaf.commerce.internal.domain.PayoutSchedule;
import reactor.core.publisher.Mono;

/** Merchants' payout schedules: a row per merchant paid out by itself (none: manual), with the day of its next run. */
@Repository
class PayoutSchedules {

    /** A merchant's schedule and its next run (null when manual). */
    record Row(MerchantId merchant, PayoutSchedule schedule, LocalDate nextRun) {
    }

    private final DatabaseClient db;

    PayoutSchedules(DatabaseClient db) {
        this.db = db;
    }

    Mono<Row> find(MerchantId merchant) {
        return db.sql("select * from commerce.payout_schedule where merchant_id = $1").bind(0, merchant.value())
                .map(PayoutSchedules::row).one()
                .defaultIfEmpty(new Row(merchant, PayoutSchedule.MANUAL, null));
    }

    /** Sets the schedule; its first run is the first day after {@code today} it names. */
    Mono<Row> set(MerchantId merchant, PayoutSchedule schedule, LocalDate today) {
        if (schedule.interval() == PayoutSchedule.Interval.MANUAL) {
            return db.sql("delete from commerce.payout_schedule where merchant_id = $1").bind(0, merchant.value()).then()
                    .thenReturn(new Row(merchant, schedule, null));
        }
        var next = schedule.nextAfter(today);
        var spec = db.sql("""
                insert into commerce.payout_schedule (merchant_id, interval, weekly_anchor, next_run) values ($1, $2, $3, $4)
                on conflict (merchant_id) do update set interval = excluded.interval, weekly_anchor = excluded.weekly_anchor,
                    next_run = excluded.next_run""")
                .bind(0, merchant.value()).bind(1, schedule.interval().name()).bind(3, next);
        spec = schedule.weeklyAnchor() == null ? spec.bindNull(2, Integer.class) : spec.bind(2, schedule.weeklyAnchor().getValue());
        return spec.then().thenReturn(new Row(merchant, schedule, next));
    }

    /**
     * Locks one schedule due on or before {@code today} for the caller's transaction; SKIP LOCKED, so another instance
     * takes another one (or none) rather than waiting and paying the same run.
     */
    Mono<Row> lockDue(LocalDate today) {
        return db.sql("""
                select * from commerce.payout_schedule where next_run <= $1
                order by next_run, merchant_id limit 1 for update skip locked""")
                .bind(0, today).map(PayoutSchedules::row).one();
    }

    Mono<Void> ran(MerchantId merchant, LocalDate day, LocalDate next) {
        return db.sql("update commerce.payout_schedule set last_run = $2, next_run = $3 where merchant_id = $1")
                .bind(0, merchant.value()).bind(1, day).bind(2, next).then();
    }

    private static Row row(io.r2dbc.spi.Readable r) {
        var anchor = r.get("weekly_anchor", Integer.class);
        return new Row(new MerchantId(r.get("merchant_id", java.util.UUID.class)),
                new PayoutSchedule(PayoutSchedule.Interval.valueOf(r.get("interval", String.class)), anchor == null ? null : DayOfWeek.of(anchor)),
                r.get("next_run", LocalDate.class));
    }
}
