package io.piaf.savings.internal;

import org.springframework.stereotype.Component;

import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import reactor.core.publisher.Mono;

/** The ledger's interest-expense account: interest paid to vaults comes out of it (it goes negative by design). */
@Component
class InterestAccount {

    static final String PURPOSE = "SAVINGS_INTEREST";

    private final Mono<AccountId> account;

    InterestAccount(Ledger ledger) {
        this.account = Mono.defer(() -> ledger.openSystemAccount(PURPOSE)).cache();
    }

    Mono<AccountId> id() {
        return account;
    }
}
