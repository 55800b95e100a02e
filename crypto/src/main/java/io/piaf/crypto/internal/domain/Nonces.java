package io.piaf.crypto.internal.domain;

/**
 * Nonce allocation for one account. Piaf keeps each account's next nonce in its database, under a row lock, so
 * concurrent sends from one user get consecutive nonces without asking the chain each time. The chain's pending
 * count only moves it forward: a transaction made outside Piaf (or a restored database) must not make Piaf reuse a
 * nonce the chain has already seen.
 */
public final class Nonces {

    private Nonces() {
    }

    /**
     * The nonce to sign with now.
     *
     * @param stored the account's stored next nonce, or null when never read
     * @param chainPending the chain's transaction count for the account including pending ones, or null when not asked
     */
    public static long next(Long stored, Long chainPending) {
        if (stored == null && chainPending == null) {
            throw new IllegalArgumentException("A first nonce comes from the chain");
        }
        if (stored == null) {
            return chainPending;
        }
        return chainPending == null ? stored : Math.max(stored, chainPending);
    }

    /** The fee of a replacement for a stuck transaction: at least 12.5 % above (nodes ask for 10 %), rounded up. */
    public static java.math.BigInteger bumpedFee(java.math.BigInteger fee, java.math.BigInteger current) {
        var bumped = fee.multiply(java.math.BigInteger.valueOf(1125)).add(java.math.BigInteger.valueOf(999))
                .divide(java.math.BigInteger.valueOf(1000));
        return bumped.max(current);
    }
}
