package io.piaf.payments;

import java.util.Objects;
import java.util.UUID;

/** A user's wallet. A wallet is a ledger account: its id is the id of that account. */
public record WalletId(UUID value) {

    public WalletId {
        Objects.requireNonNull(value, "value");
    }

    public static WalletId random() {
        return new WalletId(UUID.randomUUID());
    }

    public AccountId account() {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
