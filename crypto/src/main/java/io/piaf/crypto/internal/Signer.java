package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

import io.piaf.crypto.internal.domain.Nonces;
import reactor.core.publisher.Mono;

/**
 * Signs and stores chain transactions, in the caller's R2DBC transaction: locks the sending account, takes its next
 * nonce (concurrent sends from one account get consecutive nonces), signs with the key opened for that moment only,
 * and stores the raw transaction before anything is sent. The broadcaster sends it once the transaction commits.
 */
@Component
class Signer {

    record Request(ChainTxRow.Purpose purpose, UUID operationId, String from, String to, BigInteger value, String data,
            BigInteger gasLimit, BigInteger gasPrice, UUID dependsOn) {
    }

    private final AccountStore accounts;
    private final ChainTxStore txs;
    private final KeyVault vault;
    private final Chain chain;
    private final Broadcaster broadcaster;

    Signer(AccountStore accounts, ChainTxStore txs, KeyVault vault, Chain chain, Broadcaster broadcaster) {
        this.accounts = accounts;
        this.txs = txs;
        this.vault = vault;
        this.chain = chain;
        this.broadcaster = broadcaster;
    }

    Mono<ChainTxRow> sign(Request request) {
        return accounts.lock(request.from())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No custodial account " + request.from())))
                .flatMap(account -> nextNonce(account).flatMap(nonce -> {
                    var row = signed(account, nonce, request.gasPrice(), request);
                    return txs.insert(row).then(accounts.setNextNonce(account.address(), nonce + 1)).thenReturn(row);
                }))
                .flatMap(row -> AfterCommit.run(broadcaster::kick).thenReturn(row));
    }

    /** A twin of a stuck transaction: same nonce and content, a higher fee. */
    Mono<ChainTxRow> replace(ChainTxRow stuck, BigInteger gasPrice) {
        return accounts.lock(stuck.from()).flatMap(account -> {
            var request = new Request(stuck.purpose(), stuck.operationId(), stuck.from(), stuck.to(), stuck.value(),
                    stuck.data(), stuck.gasLimit(), gasPrice, null);
            var row = signed(account, stuck.nonce(), gasPrice, request);
            return txs.insert(row).thenReturn(row);
        });
    }

    private Mono<Long> nextNonce(AccountStore.AccountRow account) {
        if (account.nextNonce() != null) {
            return Mono.just(Nonces.next(account.nextNonce(), null));
        }
        return chain.pendingNonce(account.address()).map(n -> Nonces.next(null, n.longValueExact()));
    }

    private ChainTxRow signed(AccountStore.AccountRow account, long nonce, BigInteger gasPrice, Request r) {
        var raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gasPrice, r.gasLimit(), r.to(), r.value(), r.data());
        var credentials = vault.open(account.key());
        var signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chain.chainId(), credentials));
        var hash = Hash.sha3(signed);
        return new ChainTxRow(UUID.randomUUID(), r.purpose(), r.operationId(), account.address(), r.to(), nonce, r.gasLimit(),
                gasPrice, r.value(), r.data(), signed, hash, "SIGNED", r.dependsOn(), 0, null, null, java.time.Instant.now());
    }
}
