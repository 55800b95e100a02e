package io.piaf.savings;

import java.util.Objects;
import java.util.UUID;

import io.piaf.payments.AccountId;

/** A savings vault. Its money is a ledger account with the same id. */
public record VaultId(UUID value) {

    public VaultId {
        Objects.requireNonNull(value, "value");
    }

    public static VaultId random() {
        return new VaultId(UUID.randomUUID());
    }

    public AccountId account() {
        return new AccountId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
