package io.piaf.cards;

import java.util.Objects;
import java.util.UUID;

/** One purchase on a card as the network sees it: the authorization, then its increments, reversals, clearing and refunds. Its id is also the id of the wallet hold it placed. */
public record CardAuthorizationId(UUID value) {

    public CardAuthorizationId {
        Objects.requireNonNull(value, "value");
    }

    public static CardAuthorizationId random() {
        return new CardAuthorizationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
