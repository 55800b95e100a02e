package io.piaf.payments.internal.domain;

/**
 * A payment's life: it waits for its payer's PIN, then ends exactly once. The database refuses any other transition
 * too (see the payment table's trigger).
 */
public enum PaymentStatus {
    PENDING_CONFIRMATION, COMPLETED, CANCELLED, EXPIRED, FAILED;

    public boolean isFinal() {
        return this != PENDING_CONFIRMATION;
    }

    public boolean canBecome(PaymentStatus next) {
        return this == PENDING_CONFIRMATION && next != PENDING_CONFIRMATION;
    }
}
