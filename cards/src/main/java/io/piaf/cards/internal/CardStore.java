package io.piaf.cards.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.cards.internal.domain.CardStatus;
import io.piaf.cards.internal.domain.CardType;
import io.piaf.cards.internal.domain.Controls;
import io.piaf.identity.UserId;
import io.piaf.payments.WalletId;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Cards' rows. Every user-facing read names the user: another user's card is simply not found. */
@Component
class CardStore {

    static final String COLUMNS = """
            id, user_id, wallet_id, type, status, bin, last4, pan_ciphertext, pan_key_id, cvk_id, exp_month, exp_year,
            cardholder_name, per_transaction, daily, blocked_mcc, online, contactless, blocked_countries, spent_day,
            spent_today, created_at""";

    private final DatabaseClient db;

    CardStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(CardRow card, byte[] panLookup) {
        var c = card.controls();
        return db.sql("""
                insert into cards.card (id, user_id, wallet_id, type, status, bin, last4, pan_lookup, pan_ciphertext,
                    pan_key_id, exp_month, exp_year, cardholder_name, per_transaction, daily, blocked_mcc, online,
                    contactless, blocked_countries, created_at, cvk_id)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)""")
                .bind(0, card.id()).bind(1, card.userId().value()).bind(2, card.walletId().value())
                .bind(3, card.type().name()).bind(4, card.status().name()).bind(5, card.bin()).bind(6, card.last4())
                .bind(7, panLookup).bind(8, card.panCiphertext()).bind(9, card.panKeyId())
                .bind(10, card.expMonth()).bind(11, card.expYear()).bind(12, card.cardholderName())
                .bind(13, c.perTransaction()).bind(14, c.daily()).bind(15, c.blockedMcc().toArray(String[]::new))
                .bind(16, c.online()).bind(17, c.contactless()).bind(18, c.blockedCountries().toArray(String[]::new))
                .bind(19, card.createdAt()).bind(20, card.cvkId())
                .then();
    }

    Mono<Long> countOpen(UserId user) {
        return db.sql("select count(*) from cards.card where user_id = $1 and status <> 'CANCELLED'")
                .bind(0, user.value()).map(r -> r.get(0, Long.class)).one();
    }

    /** The user's newest cards: open ones are at most 10, cancelled ones pile up, and a list answer is bounded. */
    Flux<CardRow> findByUser(UserId user, int max) {
        return db.sql("select " + COLUMNS + " from cards.card where user_id = $1 order by created_at desc limit " + max)
                .bind(0, user.value()).map(CardStore::read).all();
    }

    Mono<CardRow> find(UUID id, UserId user) {
        return db.sql("select " + COLUMNS + " from cards.card where id = $1 and user_id = $2")
                .bind(0, id).bind(1, user.value()).map(CardStore::read).one();
    }

    Mono<CardRow> lock(UUID id) {
        return db.sql("select " + COLUMNS + " from cards.card where id = $1 for no key update")
                .bind(0, id).map(CardStore::read).one();
    }

    /** The holder's status change, unless the card is cancelled; empty when nothing changed hands. */
    Mono<CardRow> setStatus(UUID id, UserId user, CardStatus status) {
        return db.sql("update cards.card set status = $3, cancelled_at = case when $3 = 'CANCELLED' then now() end "
                + "where id = $1 and user_id = $2 and status <> 'CANCELLED' returning " + COLUMNS)
                .bind(0, id).bind(1, user.value()).bind(2, status.name()).map(CardStore::read).one();
    }

    Mono<CardRow> setControls(UUID id, UserId user, Controls c) {
        return db.sql("""
                update cards.card set per_transaction = $3, daily = $4, blocked_mcc = $5, online = $6, contactless = $7,
                    blocked_countries = $8
                where id = $1 and user_id = $2""" + " returning " + COLUMNS)
                .bind(0, id).bind(1, user.value()).bind(2, c.perTransaction()).bind(3, c.daily())
                .bind(4, c.blockedMcc().toArray(String[]::new)).bind(5, c.online()).bind(6, c.contactless())
                .bind(7, c.blockedCountries().toArray(String[]::new))
                .map(CardStore::read).one();
    }

    /** After an approval: the card's total of today, and a single-use card closes. */
    Mono<Void> spent(UUID id, LocalDate today, long amount, boolean close) {
        return db.sql("""
                update cards.card set spent_today = case when spent_day = $2 then spent_today else 0 end + $3,
                    spent_day = $2,
                    status = case when $4 then 'CANCELLED' else status end,
                    cancelled_at = case when $4 then now() else cancelled_at end
                where id = $1""")
                .bind(0, id).bind(1, today).bind(2, amount).bind(3, close).then();
    }

    Mono<Void> audit(UUID card, UserId user, String outcome) {
        return db.sql("insert into cards.reveal_audit (card_id, user_id, outcome) values ($1, $2, $3)")
                .bind(0, card).bind(1, user.value()).bind(2, outcome).then();
    }

    Flux<CardRow> encryptedWithOtherKey(String currentKeyId, int limit) {
        return db.sql("select " + COLUMNS + " from cards.card where pan_key_id <> $1 limit $2")
                .bind(0, currentKeyId).bind(1, limit).map(CardStore::read).all();
    }

    Mono<Void> reencrypt(UUID id, String oldKeyId, byte[] ciphertext, String keyId) {
        return db.sql("update cards.card set pan_ciphertext = $3, pan_key_id = $4 where id = $1 and pan_key_id = $2")
                .bind(0, id).bind(1, oldKeyId).bind(2, ciphertext).bind(3, keyId).then();
    }

    static CardRow read(Readable r) {
        var controls = new Controls(r.get("per_transaction", Long.class), r.get("daily", Long.class),
                new HashSet<>(Arrays.asList(r.get("blocked_mcc", String[].class))), r.get("online", Boolean.class),
                r.get("contactless", Boolean.class), new HashSet<>(Arrays.asList(r.get("blocked_countries", String[].class))));
        return new CardRow(r.get("id", UUID.class), new UserId(r.get("user_id", UUID.class)),
                new WalletId(r.get("wallet_id", UUID.class)), CardType.valueOf(r.get("type", String.class)),
                CardStatus.valueOf(r.get("status", String.class)), r.get("bin", String.class), r.get("last4", String.class),
                r.get("pan_ciphertext", byte[].class), r.get("pan_key_id", String.class), r.get("cvk_id", String.class),
                r.get("exp_month", Integer.class),
                r.get("exp_year", Integer.class), r.get("cardholder_name", String.class), controls,
                r.get("spent_day", LocalDate.class), r.get("spent_today", Long.class), r.get("created_at", Instant.class));
    }
}
