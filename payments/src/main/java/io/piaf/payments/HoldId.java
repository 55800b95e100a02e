package io.piaf.payments;

import java.util.Objects;
import java.util.UUID;

/** A hold on a user account: money reserved (for a card authorization) until it is captured or released. */
public record HoldId(UUID value) {

    public HoldId {
        Objects.requireNonNull(value, "value");
    }

    public static HoldId random() {
        return new HoldId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
