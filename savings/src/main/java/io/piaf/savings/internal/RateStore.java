package io.piaf.savings.internal;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.savings.internal.domain.InterestRate;
import io.piaf.savings.internal.domain.RateHistory;
import reactor.core.publisher.Mono;

/** The rate history: the configured rate is added as a change from its day; days already accrued keep their rate. */
@Component
class RateStore {

    private static final Logger log = LoggerFactory.getLogger(RateStore.class);

    private final DatabaseClient db;

    RateStore(DatabaseClient db, SavingsProperties properties) {
        this.db = db;
        // Before any request or job, like other modules' start-up reads.
        schedule(properties.rateEffectiveFrom(), InterestRate.percent(properties.annualRate())).block();
    }

    /**
     * Adds (or, for a day not accrued yet, replaces) the rate from {@code effectiveFrom} on. A change for a day
     * already accrued is refused: interest already earned is never recomputed.
     */
    Mono<Void> schedule(LocalDate effectiveFrom, InterestRate rate) {
        return db.sql("""
                insert into savings.rate (effective_from, annual_rate_ppm) values ($1, $2)
                on conflict (effective_from) do update set annual_rate_ppm = excluded.annual_rate_ppm, created_at = now()
                where rate.annual_rate_ppm <> excluded.annual_rate_ppm
                  and rate.effective_from > coalesce((select max(day) from savings.accrual_day), '-infinity'::date)
                returning effective_from""")
                .bind(0, effectiveFrom).bind(1, rate.ppm())
                .map(r -> r.get(0, LocalDate.class)).all().hasElements()
                .flatMap(changed -> changed ? Mono.empty() : db.sql("select annual_rate_ppm from savings.rate where effective_from = $1")
                        .bind(0, effectiveFrom).map(r -> r.get(0, Integer.class)).one()
                        .filter(stored -> stored != rate.ppm())
                        .doOnNext(stored -> log.error("Savings rate from {} stays {} ppm, not {}: that day is already accrued",
                                effectiveFrom, stored, rate.ppm()))
                        .then());
    }

    Mono<List<RateHistory.Change>> changes() {
        return db.sql("select effective_from, annual_rate_ppm from savings.rate order by effective_from")
                .map(r -> new RateHistory.Change(r.get(0, LocalDate.class), new InterestRate(r.get(1, Integer.class))))
                .all().collectList();
    }

    Mono<RateHistory> history() {
        return changes().map(RateHistory::new);
    }
}
