package io.piaf.payments;

import java.util.Objects;
import java.util.UUID;

/** A ledger account: a user's wallet (or another account savings, cards or crypto open), or a system account. */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
