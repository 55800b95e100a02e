package io.piaf.crypto.internal;

import org.springframework.stereotype.Service;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** Each user's custodial account, made on first use (a key generated and sealed in this process). */
@Service
class Custody {

    private final AccountStore accounts;
    private final KeyVault vault;

    Custody(AccountStore accounts, KeyVault vault) {
        this.accounts = accounts;
        this.vault = vault;
    }

    Mono<AccountStore.AccountRow> accountOf(UserId user) {
        return accounts.findByUser(user).switchIfEmpty(Mono.defer(() -> accounts.insertOrGet(user, "USER", vault.generate())));
    }
}
