package io.piaf.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An amount of a token in its base units, with the token's symbol and decimals, e.g. 500 base units of EURP (2
 * decimals) is {@code "5.00"}.
 */
public record TokenAmount(String token, BigInteger baseUnits, int decimals) {

    public TokenAmount {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(baseUnits, "baseUnits");
    }

    /** The API's decimal string: {@code "5.00"}. */
    public String decimal() {
        return new java.math.BigDecimal(baseUnits, decimals).toPlainString();
    }

    @Override
    public String toString() {
        return decimal() + " " + token;
    }
}
