package io.piaf.payments;

import java.util.Objects;
import java.util.UUID;

/** Money brought into a wallet from a card; also the charge id given to the card rail. */
public record TopUpId(UUID value) {

    public TopUpId {
        Objects.requireNonNull(value, "value");
    }

    public static TopUpId random() {
        return new TopUpId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
