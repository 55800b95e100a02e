package io.piaf.crypto.internal;

import java.math.BigInteger;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * What an account may still send: Piaf's view of its confirmed balance minus what is already on its way out, read
 * under the account's row lock (in the caller's transaction) so that two concurrent sends cannot spend the same
 * tokens.
 */
@Component
class AccountLocks {

    private final AccountStore accounts;
    private final OperationStore operations;

    AccountLocks(AccountStore accounts, OperationStore operations) {
        this.accounts = accounts;
        this.operations = operations;
    }

    Mono<BigInteger> available(String address) {
        return accounts.lock(address).flatMap(a -> operations.outgoingInFlight(a.userId())
                .map(out -> a.tokenBalance().subtract(out)));
    }
}
