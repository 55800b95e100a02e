package io.piaf.pots;

import java.util.Objects;
import java.util.UUID;

/** A money pot. */
public record PotId(UUID value) {

    public PotId {
        Objects.requireNonNull(value, "value");
    }

    public static PotId random() {
        return new PotId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
