package io.piaf.payments.internal.domain;

import java.util.Optional;

import io.piaf.payments.internal.domain.Refusal.Limit;

/**
 * Caps on what a payer sends: per payment to a person, per payment to a verified charity, and per calendar day in
 * total (all in cents). Checked when a payment is asked for, and again at confirmation under the payer's wallet lock,
 * so that concurrent confirmations cannot pass the daily cap together.
 */
public record PaymentLimits(long perPaymentToPerson, long perPaymentToCharity, long daily) {

    public PaymentLimits {
        if (perPaymentToPerson <= 0 || perPaymentToCharity <= 0 || daily <= 0) {
            throw new IllegalArgumentException("Payment limits are positive");
        }
    }

    public long perPayment(boolean toCharity) {
        return toCharity ? perPaymentToCharity : perPaymentToPerson;
    }

    /** What the payer may still send today, given what they sent so far today. */
    public long remainingToday(long sentToday) {
        return Math.max(0, daily - sentToday);
    }

    /** The breach, if any, of sending {@code amount} after {@code sentToday} today. */
    public Optional<Refusal.LimitExceeded> check(long amount, boolean toCharity, long sentToday) {
        var cap = perPayment(toCharity);
        if (amount > cap) {
            var which = toCharity ? Limit.PER_PAYMENT_TO_CHARITY : Limit.PER_PAYMENT_TO_PERSON;
            return Optional.of(new Refusal.LimitExceeded(which, cap, remainingToday(sentToday)));
        }
        if (amount > remainingToday(sentToday)) {
            return Optional.of(new Refusal.LimitExceeded(Limit.DAILY, daily, remainingToday(sentToday)));
        }
        return Optional.empty();
    }
}
