package io.piaf.payments;

import java.util.Objects;
import java.util.UUID;

/** A payment from one user to another, from its request to its confirmation. */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
