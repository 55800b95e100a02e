package io.piaf.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.piaf.crypto.internal.domain.TokenAmounts;
import io.piaf.payments.Ledger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Compares the chain with Piaf's view, every {@code reconcile-interval}: each custodial account's and the treasury's
 * EURP balance on chain against Piaf's confirmed view, and the token's total supply against the euros the ledger's
 * CRYPTO_TREASURY account holds for it. A difference seen twice in a row (not a transaction between two reads) is
 * drift: on {@code /actuator/crypto} and in the metrics {@code piaf.crypto.reconciliation.*}. A transfer made with a
 * custodial key outside Piaf shows so.
 */
@Component
@Endpoint(id = "crypto")
class Reconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

    record Drift(String address, String userId, String onChain, String inPiaf) {
    }

    record Report(Instant at, long chainId, String token, int accounts, List<Drift> drift, String totalSupply, String reserve,
            boolean supplyMatchesReserve) {
    }

    private final AccountStore accounts;
    private final Chain chain;
    private final Token token;
    private final Ledger ledger;
    private final CryptoProperties properties;
    private final AtomicLong drifting = new AtomicLong();
    private final AtomicLong driftAmount = new AtomicLong();
    private final AtomicLong supplyDrift = new AtomicLong();
    private volatile Map<String, BigInteger> lastDifferences = Map.of();
    private volatile BigInteger lastSupplyDifference = BigInteger.ZERO;
    private volatile Report last;
    private volatile Disposable running;

    Reconciliation(AccountStore accounts, Chain chain, Token token, Ledger ledger, CryptoProperties properties, MeterRegistry meters) {
        this.accounts = accounts;
        this.chain = chain;
        this.token = token;
        this.ledger = ledger;
        this.properties = properties;
        Gauge.builder("piaf.crypto.reconciliation.drifting.accounts", drifting, AtomicLong::get)
                .description("Custodial accounts whose on-chain EURP balance differs from Piaf's view").register(meters);
        Gauge.builder("piaf.crypto.reconciliation.drift", driftAmount, AtomicLong::get).baseUnit("EURP cents")
                .description("Sum of the absolute differences").register(meters);
        Gauge.builder("piaf.crypto.reconciliation.supply.drift", supplyDrift, AtomicLong::get).baseUnit("EURP cents")
                .description("Token supply minus the euros held for it by the treasury account").register(meters);
    }

    @ReadOperation
    Report report() {
        return last;
    }

    Mono<Report> run() {
        return token.address().flatMap(address -> accounts.all()
                .concatMap(a -> chain.tokenBalance(address, a.address()).map(onChain -> Map.entry(a, onChain)))
                .collectList()
                .zipWith(Mono.zip(chain.totalSupply(address), ledger.openSystemAccount(Settlement.TREASURY_ACCOUNT)
                        .flatMap(ledger::balance).map(m -> m.minorUnits()).defaultIfEmpty(0L)))
                .map(t -> {
                    var differences = new HashMap<String, BigInteger>();
                    var drift = new ArrayList<Drift>();
                    long total = 0;
                    for (var entry : t.getT1()) {
                        var a = entry.getKey();
                        var difference = entry.getValue().subtract(a.tokenBalance());
                        if (difference.signum() != 0) {
                            differences.put(a.address(), difference);
                            if (difference.equals(lastDifferences.get(a.address()))) {
                                drift.add(new Drift(Addresses.checksummed(a.address()), a.userId() == null ? "treasury" : a.userId().toString(),
                                        TokenAmounts.format(entry.getValue(), Token.DECIMALS), TokenAmounts.format(a.tokenBalance(), Token.DECIMALS)));
                                total += difference.abs().longValueExact();
                            }
                        }
                    }
                    lastDifferences = differences;
                    var supply = t.getT2().getT1();
                    var reserve = TokenAmounts.fromEuroCents(t.getT2().getT2(), Token.DECIMALS);
                    var supplyDifference = supply.subtract(reserve);
                    var supplyDrifts = supplyDifference.signum() != 0 && supplyDifference.equals(lastSupplyDifference);
                    lastSupplyDifference = supplyDifference;
                    drifting.set(drift.size());
                    driftAmount.set(total);
                    supplyDrift.set(supplyDrifts ? supplyDifference.longValueExact() : 0);
                    if (!drift.isEmpty() || supplyDrifts) {
                        log.warn("Crypto reconciliation: {} accounts drift from the chain {}; supply {} vs reserve {}", drift.size(), drift,
                                supply, reserve);
                    }
                    var report = new Report(Instant.now(), chain.chainId(), Addresses.checksummed(address), t.getT1().size(), List.copyOf(drift),
                            TokenAmounts.format(supply, Token.DECIMALS), TokenAmounts.format(reserve, Token.DECIMALS), !supplyDrifts);
                    last = report;
                    return report;
                }));
    }

    @Override
    public void start() {
        running = Flux.interval(properties.reconcileInterval()).onBackpressureDrop()
                .concatMap(t -> run().onErrorResume(e -> Mono.empty()), 1).subscribe();
    }

    @Override
    public void stop() {
        if (running != null) {
            running.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
