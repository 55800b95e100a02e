package io.piaf.crypto.internal.domain;

/**
 * What a buy or a sell does when its chain transaction ends, and what a transaction that could not be sent does.
 * Buy: euros debited first, then a mint — a mint that fails or never gets sent is compensated by a refund. Sell: a
 * burn first, then a euro credit — a burn that fails leaves nothing to undo. A confirmed transaction completes its
 * operation exactly once (the ledger posts a kind and reference once).
 */
public final class Sagas {

    /** The next step for an operation whose transaction reached an end. */
    public enum Step {
        /** Mark confirmed; nothing else moves. */
        COMPLETE,
        /** Mark confirmed and credit the sale's euros. */
        COMPLETE_AND_CREDIT,
        /** Mark failed and refund the euros the buy took. */
        FAIL_AND_REFUND,
        /** Mark failed; nothing had moved. */
        FAIL
    }

    public enum Kind {
        BUY, SELL, TRANSFER
    }

    private Sagas() {
    }

    public static Step onConfirmed(Kind kind) {
        return kind == Kind.SELL ? Step.COMPLETE_AND_CREDIT : Step.COMPLETE;
    }

    /** Reverted on chain, or abandoned before the chain accepted it. */
    public static Step onFailed(Kind kind) {
        return kind == Kind.BUY ? Step.FAIL_AND_REFUND : Step.FAIL;
    }
}
