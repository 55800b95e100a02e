package io.piaf.commerce;

import java.util.Objects;
import java.util.UUID;

/** A merchant: also the {@code sub} of its OAuth client's tokens. */
public record MerchantId(UUID value) {

    public MerchantId {
        Objects.requireNonNull(value, "value");
    }

    public static MerchantId random() {
        return new MerchantId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
