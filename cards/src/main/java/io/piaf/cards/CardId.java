package io.piaf.cards;

import java.util.Objects;
import java.util.UUID;

/** A debit card on a wallet. */
public record CardId(UUID value) {

    public CardId {
        Objects.requireNonNull(value, "value");
    }

    public static CardId random() {
        return new CardId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
