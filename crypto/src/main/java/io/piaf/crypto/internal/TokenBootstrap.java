package io.piaf.crypto.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Credentials;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;

import io.piaf.crypto.internal.chain.contracts.EuroPiaf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * At start: the treasury's account (made once), custodial keys re-encrypted under the current key-encryption key,
 * the treasury's gas topped up from the dev chain's faucet, and the EURP contract deployed when the chain does not
 * have it (first start, or a dev chain wiped) — its address remembered in crypto.setting. A chain that does not
 * answer is retried in the background; the crypto API answers 503 until then.
 */
@Component
class TokenBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TokenBootstrap.class);
    private static final String TOKEN_ADDRESS = "token_address";
    private static final BigInteger MIN_TREASURY_GAS = Convert.toWei(BigDecimal.valueOf(100), Convert.Unit.ETHER).toBigIntegerExact();

    private final Chain chain;
    private final AccountStore accounts;
    private final SettingStore settings;
    private final KeyVault vault;
    private final Token token;
    private final CryptoProperties properties;
    private volatile boolean running;
    private volatile reactor.core.Disposable retrying;

    TokenBootstrap(Chain chain, AccountStore accounts, SettingStore settings, KeyVault vault, Token token, CryptoProperties properties) {
        this.chain = chain;
        this.accounts = accounts;
        this.settings = settings;
        this.vault = vault;
        this.token = token;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        try {
            bootstrap().block(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            log.warn("The chain is not ready ({}); retrying in the background, the crypto API answers 503 meanwhile", e.toString());
            retrying = Mono.defer(this::bootstrap).retryWhen(reactor.util.retry.Retry.fixedDelay(Long.MAX_VALUE, Duration.ofSeconds(5)))
                    .subscribe();
        }
    }

    Mono<Void> bootstrap() {
        return chain.refreshChainId().then(accounts.insertOrGet(null, "TREASURY", vault.generate()))
                .flatMap(treasury -> rewrapKeys().then(fundTreasury(treasury)).then(deployIfAbsent(treasury)))
                .doOnNext(address -> {
                    token.ready(address);
                    log.info("EURP at {} on chain {}; treasury {}", address, chain.chainId(), "ready");
                })
                .then();
    }

    private Mono<Void> rewrapKeys() {
        return accounts.all().filter(a -> !a.key().keyId().equals(vault.currentKeyId()))
                .concatMap(a -> accounts.reseal(vault.rewrap(a.key())))
                .count()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("Re-encrypted {} custodial keys under key-encryption key {}", n, vault.currentKeyId());
                    }
                })
                .then();
    }

    /** A dev chain's faucet (a well-known Ganache test account) pays the treasury's gas; a real chain's operator does. */
    private Mono<Void> fundTreasury(AccountStore.AccountRow treasury) {
        var faucetKey = properties.chain().faucet();
        if (faucetKey == null) {
            return Mono.empty();
        }
        return chain.etherBalance(treasury.address()).flatMap(balance -> balance.compareTo(MIN_TREASURY_GAS) >= 0 ? Mono.empty()
                : Mono.fromCallable(() -> {
                    var faucet = Credentials.create(faucetKey);
                    new Transfer(chain.web3j(), transactions(faucet)).sendFunds(treasury.address(), BigDecimal.valueOf(500),
                            Convert.Unit.ETHER).sendAsync().join();
                    log.info("Dev chain faucet sent 500 ETH of gas money to the treasury {}", treasury.address());
                    return true;
                }).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()).then());
    }

    private Mono<String> deployIfAbsent(AccountStore.AccountRow treasury) {
        return settings.get(TOKEN_ADDRESS)
                .filterWhen(address -> chain.code(address).map(code -> code != null && code.length() > 2))
                .switchIfEmpty(Mono.defer(() -> deploy(treasury)));
    }

    private Mono<String> deploy(AccountStore.AccountRow treasury) {
        return Mono.fromCallable(() -> {
                    var credentials = vault.open(treasury.key());
                    var gasPrice = chain.web3j().ethGasPrice().sendAsync().join().getGasPrice();
                    var contract = EuroPiaf.deploy(chain.web3j(), transactions(credentials),
                            new StaticGasProvider(gasPrice, BigInteger.valueOf(3_000_000)), treasury.address()).sendAsync().join();
                    var block = contract.getTransactionReceipt().map(r -> r.getBlockNumber()).orElse(BigInteger.ZERO);
                    log.info("Deployed EURP at {} (block {})", contract.getContractAddress(), block);
                    return new String[] { contract.getContractAddress().toLowerCase(java.util.Locale.ROOT), block.toString() };
                })
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                // web3j's deployment took the treasury's nonce from the chain: the allocator reads it again.
                .flatMap(deployed -> accounts.forgetNonce(treasury.address())
                        .then(settings.put(TOKEN_ADDRESS, deployed[0]))
                        .then(settings.put("scanned_block", deployed[1]))
                        .thenReturn(deployed[0]));
    }

    private RawTransactionManager transactions(Credentials credentials) {
        return new RawTransactionManager(chain.web3j(), credentials, chain.chainId(),
                new PollingTransactionReceiptProcessor(chain.web3j(), 100, 600));
    }

    @Override
    public void stop() {
        running = false;
        if (retrying != null) {
            retrying.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    Flux<Void> none() {
        return Flux.empty();
    }
}
