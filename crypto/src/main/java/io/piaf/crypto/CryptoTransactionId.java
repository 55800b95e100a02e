package io.piaf.crypto;

import java.util.Objects;
import java.util.UUID;

/** One crypto operation a user sees: a buy, a sell, a transfer sent or received. */
public record CryptoTransactionId(UUID value) {

    public CryptoTransactionId {
        Objects.requireNonNull(value, "value");
    }

    public static CryptoTransactionId random() {
        return new CryptoTransactionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
