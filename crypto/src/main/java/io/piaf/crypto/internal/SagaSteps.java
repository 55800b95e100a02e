package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.piaf.crypto.CryptoBuyRequested;
import io.piaf.crypto.CryptoSellRequested;
import io.piaf.crypto.internal.domain.OperationStatus;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * The chain step of buys and sells, delivered by the outbox after the first step committed: the treasury signs the
 * mint, or the seller's account signs the burn (gas topped up by the treasury when short). A chain that does not
 * answer fails the delivery, which the outbox retries with backoff; a buy still unsigned after {@code buy-timeout}
 * is refunded instead. Idempotent: an operation no longer PENDING has had its step.
 */
@Component
class SagaSteps {

    static final BigInteger FALLBACK_GAS = BigInteger.valueOf(150_000);

    private final OperationStore operations;
    private final AccountStore accounts;
    private final Signer signer;
    private final GasStation gas;
    private final Chain chain;
    private final Token token;
    private final Settlement settlement;
    private final CryptoProperties properties;

    SagaSteps(OperationStore operations, AccountStore accounts, Signer signer, GasStation gas, Chain chain, Token token,
            Settlement settlement, CryptoProperties properties) {
        this.operations = operations;
        this.accounts = accounts;
        this.signer = signer;
        this.gas = gas;
        this.chain = chain;
        this.token = token;
        this.settlement = settlement;
        this.properties = properties;
    }

    @OutboxListener(id = "crypto.MintOnBuy")
    Mono<Void> on(CryptoBuyRequested event) {
        return operations.lock(event.buyId()).filter(op -> op.status() == OperationStatus.PENDING).flatMap(op -> {
            if (op.createdAt().isBefore(Instant.now().minus(properties.buyTimeout()))) {
                return settlement.abandonBuy(op);
            }
            return Mono.zip(token.address(), accounts.treasury()).flatMap(both -> {
                var data = chain.token(both.getT1()).mint(op.toAddress(), op.amount()).encodeFunctionCall();
                return sign(ChainTxRow.Purpose.MINT, op, both.getT2().address(), both.getT1(), data, false);
            });
        });
    }

    @OutboxListener(id = "crypto.BurnOnSell")
    Mono<Void> on(CryptoSellRequested event) {
        return operations.lock(event.sellId()).filter(op -> op.status() == OperationStatus.PENDING).flatMap(op ->
                token.address().flatMap(address -> {
                    var data = chain.token(address).burn(op.amount()).encodeFunctionCall();
                    return sign(ChainTxRow.Purpose.BURN, op, op.fromAddress(), address, data, true);
                }));
    }

    /** Estimates, tops up gas if the payer is a user, signs and marks the operation submitted (caller's transaction). */
    Mono<Void> sign(ChainTxRow.Purpose purpose, OperationRow op, String from, String to, String data, boolean userPays) {
        // An estimate the node cannot give (a revert it foresees, a slow answer) falls back to a limit that covers
        // any EURP call: unused gas is not charged, and a revert is then seen on chain like any other.
        var estimate = chain.estimateGas(from, to, data).map(g -> g.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(4)))
                .timeout(java.time.Duration.ofSeconds(2), Mono.empty())
                .onErrorResume(io.piaf.common.ProblemException.class, e -> Mono.empty())
                .defaultIfEmpty(FALLBACK_GAS);
        return Mono.zip(chain.gasPrice(), estimate)
                .flatMap(fees -> (userPays ? gas.ensure(from, fees.getT2(), fees.getT1(), BigInteger.ZERO).map(java.util.Optional::of)
                                .defaultIfEmpty(java.util.Optional.empty()) : Mono.just(java.util.Optional.<java.util.UUID>empty()))
                        .flatMap(dependsOn -> signer.sign(new Signer.Request(purpose, op.id().value(), from, to, BigInteger.ZERO, data,
                                fees.getT2(), fees.getT1(), dependsOn.orElse(null)))))
                .flatMap(tx -> operations.submitted(op.id(), tx.id(), tx.hash()));
    }
}
