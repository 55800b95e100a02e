package io.piaf.cards;

import java.util.Objects;

import io.piaf.identity.UserId;

/** A card as events name it: its id, its holder and its last four digits — never the full number. */
public record CardRef(CardId id, UserId holder, String last4) {

    public CardRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(holder, "holder");
        if (last4 == null || !last4.matches("[0-9]{4}")) {
            throw new IllegalArgumentException("last4 is four digits");
        }
    }
}
