package io.piaf.crypto.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.piaf.common.ProblemException;
import io.piaf.crypto.internal.chain.contracts.EuroPiaf;
import reactor.core.publisher.Mono;

/**
 * The chain, as Piaf uses it: every call through web3j's asynchronous {@code sendAsync} (never a blocking
 * {@code send}, which would stall a WebSocket client's callback thread or an event loop), with a timeout. A node
 * that does not answer is {@link #unavailable()}: a 503 {@code chain_unavailable} before anything is written.
 */
class Chain {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Chain.class);


    /** The node refused a transaction (a JSON-RPC error): nonce too low, insufficient funds, underpriced… */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    private final Web3j web3j;
    private final Duration timeout;
    private final Duration freshness;
    private volatile long chainId;
    private volatile Instant lastAnswer = Instant.EPOCH;
    private volatile GasPrice gasPrice = new GasPrice(BigInteger.ZERO, Instant.EPOCH);

    private record GasPrice(BigInteger price, Instant at) {
    }

    /**
     * @param timeout how long one call may take (a dev chain on a busy shared machine can take seconds)
     * @param freshness how recent an answer proves the node is up, and how long a gas price is reused
     */
    Chain(Web3j web3j, long chainId, Duration timeout, Duration freshness) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.timeout = timeout;
        this.freshness = freshness;
    }

    /** Fails with 503 unless the node answered within the freshness window (the watcher asks it every poll). */
    Mono<Void> requireUp() {
        return answeredWithin(freshness) ? Mono.empty() : blockNumber().then();
    }

    long chainId() {
        return chainId;
    }

    /** Reads the chain id from the node (a node down at start-up was assumed to have the configured one). */
    Mono<Long> refreshChainId() {
        return call(web3j.ethChainId().sendAsync()).map(r -> {
            chainId = r.getChainId().longValueExact();
            return chainId;
        });
    }

    Web3j web3j() {
        return web3j;
    }

    /** Whether the node answered recently (the block watcher asks it every poll interval). */
    boolean answeredWithin(Duration window) {
        return lastAnswer.isAfter(Instant.now().minus(window));
    }

    static ProblemException unavailable() {
        return new ProblemException(503, "chain_unavailable",
                "The blockchain node does not answer right now; nothing was done. Try again in a moment.");
    }

    Mono<BigInteger> blockNumber() {
        return call(web3j.ethBlockNumber().sendAsync()).map(r -> r.getBlockNumber());
    }

    /** The node's gas price, asked at most once per freshness window. */
    Mono<BigInteger> gasPrice() {
        var known = gasPrice;
        if (known.at().isAfter(Instant.now().minus(freshness))) {
            return Mono.just(known.price());
        }
        return call(web3j.ethGasPrice().sendAsync()).map(r -> {
            gasPrice = new GasPrice(r.getGasPrice(), Instant.now());
            return r.getGasPrice();
        });
    }

    Mono<BigInteger> pendingNonce(String address) {
        return call(web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).sendAsync())
                .map(r -> r.getTransactionCount());
    }

    Mono<BigInteger> etherBalance(String address) {
        return call(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).sendAsync()).map(r -> r.getBalance());
    }

    Mono<String> code(String address) {
        return call(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).sendAsync()).map(r -> r.getCode());
    }

    /** Gas a call would use, or empty when the node says it would revert. */
    Mono<BigInteger> estimateGas(String from, String to, String data) {
        var call = Transaction.createFunctionCallTransaction(from, null, null, null, to, data);
        return call(web3j.ethEstimateGas(call).sendAsync())
                .flatMap(r -> r.hasError() ? Mono.empty() : Mono.just(r.getAmountUsed()));
    }

    /** Sends a signed transaction; its hash, or {@link Rejected} with the node's reason. */
    Mono<String> sendRaw(String signedHex) {
        return call(web3j.ethSendRawTransaction(signedHex).sendAsync()).flatMap(r -> r.hasError()
                ? Mono.error(new Rejected(r.getError().getMessage()))
                : Mono.just(r.getTransactionHash()));
    }

    Mono<Optional<TransactionReceipt>> receipt(String hash) {
        return call(web3j.ethGetTransactionReceipt(hash).sendAsync()).map(r -> r.getTransactionReceipt());
    }

    /** The token's Transfer logs in blocks {@code from..to}. */
    Mono<List<Log>> transferLogs(String token, BigInteger from, BigInteger to) {
        var filter = new EthFilter(DefaultBlockParameter.valueOf(from), DefaultBlockParameter.valueOf(to), token);
        filter.addSingleTopic(org.web3j.abi.EventEncoder.encode(EuroPiaf.TRANSFER_EVENT));
        return call(web3j.ethGetLogs(filter).sendAsync()).map(r -> r.getLogs().stream()
                .map(result -> (Log) ((EthLog.LogObject) result).get()).toList());
    }

    Mono<String> blockHash(BigInteger number) {
        return call(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(number), false).sendAsync())
                .map(r -> r.getBlock() == null ? "" : r.getBlock().getHash());
    }

    /** A read-only view of the token: balances and supply through the generated wrapper. */
    EuroPiaf token(String address) {
        return EuroPiaf.load(address, web3j, new org.web3j.tx.ReadonlyTransactionManager(web3j, address),
                new org.web3j.tx.gas.DefaultGasProvider());
    }

    Mono<BigInteger> tokenBalance(String token, String address) {
        return call(token(token).balanceOf(address).sendAsync());
    }

    Mono<BigInteger> totalSupply(String token) {
        return call(token(token).totalSupply().sendAsync());
    }

    private <T> Mono<T> call(CompletableFuture<T> future) {
        return Mono.fromFuture(future).timeout(timeout).<T>flatMap(answer -> {
            if (answer instanceof Response<?> response && response.hasError() && !(response instanceof org.web3j.protocol.core.methods.response.EthSendTransaction)
                    && !(response instanceof org.web3j.protocol.core.methods.response.EthEstimateGas)) {
                return Mono.error(new IOException("JSON-RPC error: " + response.getError().getMessage()));
            }
            lastAnswer = Instant.now();
            return Mono.just(answer);
        }).onErrorMap(Chain::isUnreachable, e -> {
            log.warn("The chain did not answer: {}", e.toString());
            return unavailable();
        });
    }

    private static boolean isUnreachable(Throwable e) {
        var cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof IOException || cause instanceof TimeoutException || cause instanceof ConnectException
                || cause instanceof org.web3j.protocol.exceptions.ClientConnectionException;
    }
}
