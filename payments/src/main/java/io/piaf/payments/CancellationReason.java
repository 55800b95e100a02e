package io.piaf.payments;

/** Why a pending payment was cancelled. */
public enum CancellationReason {
    /** The payer cancelled it. */
    BY_PAYER,
    /** Too many wrong PINs while confirming it: the PIN is locked and the payment cancelled. */
    PIN_LOCKED
}
