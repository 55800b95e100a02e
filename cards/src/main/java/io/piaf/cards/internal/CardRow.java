package io.piaf.cards.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import io.piaf.cards.CardId;
import io.piaf.cards.CardRef;
import io.piaf.cards.internal.domain.CardState;
import io.piaf.cards.internal.domain.CardStatus;
import io.piaf.cards.internal.domain.CardType;
import io.piaf.cards.internal.domain.Controls;
import io.piaf.identity.UserId;
import io.piaf.payments.WalletId;

/** A card as stored: never the PAN in clear. */
record CardRow(UUID id, UserId userId, WalletId walletId, CardType type, CardStatus status, String bin, String last4,
        byte[] panCiphertext, String panKeyId, String cvkId, int expMonth, int expYear, String cardholderName, Controls controls,
        LocalDate spentDay, long spentToday, Instant createdAt) {

    CardRef ref() {
        return new CardRef(new CardId(id), userId, last4);
    }

    YearMonth expiry() {
        return YearMonth.of(expYear, expMonth);
    }

    long spentOn(LocalDate today) {
        return today.equals(spentDay) ? spentToday : 0;
    }

    CardState state(LocalDate today) {
        return new CardState(status, expiry(), controls, spentOn(today));
    }
}
