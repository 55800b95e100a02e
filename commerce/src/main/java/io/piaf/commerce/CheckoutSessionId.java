package io.piaf.commerce;

import java.util.Objects;
import java.util.UUID;

public record CheckoutSessionId(UUID value) {

    public CheckoutSessionId {
        Objects.requireNonNull(value, "value");
    }

    public static CheckoutSessionId random() {
        return new CheckoutSessionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
