package io.piaf.crypto.internal;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.piaf.crypto.TokenAmount;
import reactor.core.publisher.Mono;

/** The EURP token once deployed (or found) on the chain: its address, symbol and decimals. */
@Component
class Token {

    static final String SYMBOL = "EURP";
    static final int DECIMALS = 2;

    private volatile String address;

    void ready(String deployedAt) {
        this.address = deployedAt;
    }

    /** The token's address, or 503 while the chain has not been reached yet. */
    Mono<String> address() {
        var known = address;
        return known == null ? Mono.error(Chain.unavailable()) : Mono.just(known);
    }

    String addressOrNull() {
        return address;
    }

    static Map<String, Integer> decimalsBySymbol() {
        return Map.of(SYMBOL, DECIMALS);
    }

    static TokenAmount amount(java.math.BigInteger base) {
        return new TokenAmount(SYMBOL, base, DECIMALS);
    }
}
