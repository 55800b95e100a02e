package io.piaf.savings.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.payments.TransferId;
import io.piaf.savings.VaultId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A vault's history: one row per posting that moved its money. */
@Component
class MovementStore {

    enum Kind {
        DEPOSIT, WITHDRAWAL, ROUND_UP, SCHEDULED, INTEREST
    }

    record Movement(long seq, UUID id, VaultId vault, Kind kind, long amount, long balanceAfter, LocalDate valueDay, Instant at) {
    }

    private final DatabaseClient db;

    MovementStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(UUID id, TransferId transfer, VaultId vault, Kind kind, long amount, long balanceAfter, LocalDate valueDay, Instant at) {
        return db.sql("""
                insert into savings.movement (id, transfer_id, vault_id, kind, amount, balance_after, value_day, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .bind(0, id).bind(1, transfer.value()).bind(2, vault.value()).bind(3, kind.name()).bind(4, amount)
                .bind(5, balanceAfter).bind(6, valueDay).bind(7, at)
                .then();
    }

    /** Newest first, before {@code beforeSeq} when given. */
    Flux<Movement> page(VaultId vault, Long beforeSeq, int limit) {
        return db.sql("""
                select * from savings.movement where vault_id = $1 and seq < $2 order by seq desc limit $3""")
                .bind(0, vault.value()).bind(1, beforeSeq == null ? Long.MAX_VALUE : beforeSeq).bind(2, limit)
                .map(MovementStore::read).all();
    }

    /** Movements of value days {@code from}..{@code to}, oldest first. */
    Flux<Movement> between(VaultId vault, LocalDate from, LocalDate to) {
        return db.sql("""
                select * from savings.movement where vault_id = $1 and value_day between $2 and $3 order by value_day, seq""")
                .bind(0, vault.value()).bind(1, from).bind(2, to)
                .map(MovementStore::read).all();
    }

    /** The balance at the end of {@code day}: the sum of everything valued up to it. */
    Mono<Long> balanceAtEndOf(VaultId vault, LocalDate day) {
        return db.sql("select coalesce(sum(amount), 0)::bigint from savings.movement where vault_id = $1 and value_day <= $2")
                .bind(0, vault.value()).bind(1, day)
                .map(r -> r.get(0, Long.class)).one();
    }

    /** What moved on each value day after {@code day} (signed cents), for the interest of a closing vault. */
    Mono<NavigableMap<LocalDate, Long>> after(VaultId vault, LocalDate day) {
        return db.sql("""
                select value_day, sum(amount)::bigint as amount from savings.movement where vault_id = $1 and value_day > $2
                group by value_day""")
                .bind(0, vault.value()).bind(1, day)
                .map(r -> java.util.Map.entry(r.get("value_day", LocalDate.class), r.get("amount", Long.class)))
                .all()
                .collect(TreeMap<LocalDate, Long>::new, (map, e) -> map.put(e.getKey(), e.getValue()))
                .map(map -> (NavigableMap<LocalDate, Long>) map);
    }

    static Movement read(io.r2dbc.spi.Readable r) {
        return new Movement(r.get("seq", Long.class), r.get("id", UUID.class), new VaultId(r.get("vault_id", UUID.class)),
                Kind.valueOf(r.get("kind", String.class)), r.get("amount", Long.class), r.get("balance_after", Long.class),
                r.get("value_day", LocalDate.class), r.get("created_at", Instant.class));
    }
}
