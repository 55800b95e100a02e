package io.piaf.payments;

import java.util.Objects;
import java.util.UUID;

/** One balanced movement in the ledger: two or more entries that sum to zero. */
public record TransferId(UUID value) {

    public TransferId {
        Objects.requireNonNull(value, "value");
    }

    public static TransferId random() {
        return new TransferId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
