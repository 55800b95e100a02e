package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.util.UUID;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The treasury pays for users' gas: before a user's account signs, if its ether (on chain, plus top-ups already on
 * their way) would not cover the transaction, the treasury signs a top-up worth fifty such transactions, and the
 * user's transaction waits for it to be mined ({@code depends_on}).
 */
@Component
class GasStation {

    private static final BigInteger ALLOWANCE = BigInteger.valueOf(50);

    private final Chain chain;
    private final AccountStore accounts;
    private final Signer signer;

    GasStation(Chain chain, AccountStore accounts, Signer signer) {
        this.chain = chain;
        this.accounts = accounts;
        this.signer = signer;
    }

    /** In the caller's transaction: the id of a top-up the user's transaction must wait for, or empty. */
    Mono<UUID> ensure(String address, BigInteger gasLimit, BigInteger gasPrice, BigInteger alreadyOnTheWay) {
        var needed = gasLimit.multiply(gasPrice);
        return chain.etherBalance(address).flatMap(balance -> {
            if (balance.add(alreadyOnTheWay).compareTo(needed) >= 0) {
                return Mono.empty();
            }
            return accounts.treasury().flatMap(treasury -> signer.sign(new Signer.Request(ChainTxRow.Purpose.GAS, null,
                    treasury.address(), address, needed.multiply(ALLOWANCE), "0x", BigInteger.valueOf(21_000), gasPrice, null)))
                    .map(ChainTxRow::id);
        });
    }
}
