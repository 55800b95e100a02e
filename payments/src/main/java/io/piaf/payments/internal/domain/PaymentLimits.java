package io.piaf.payments.internal.domain;

import java.util.Optional;

import io.piaf.common.ProblemException;

/**
 * Caps on what a payer sends: per payment to a person, per payment to a verified charity, and per calendar day in
 * total (all in cents). The daily cap is enforced at confirmation, under the payer's wallet lock, so concurrent
 * confirmations cannot pass it together.
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
    public Optional<ProblemException> check(long amount, boolean toCharity, long sentToday) {
        var cap = perPayment(toCharity);
        if (amount > cap) {
            return Optional.of(exceeded("A payment to " + (toCharity ? "a charity" : "a person") + " is at most "
                    + Amounts.format(cap) + " EUR.", cap, toCharity ? "per_payment_to_charity" : "per_payment_to_person"));
        }
        if (amount > remainingToday(sentToday)) {
            return Optional.of(exceeded("This payment would pass your daily limit of " + Amounts.format(daily)
                    + " EUR; you may still send " + Amounts.format(remainingToday(sentToday)) + " EUR today.", daily, "daily"));
        }
        return Optional.empty();
    }

    private static ProblemException exceeded(String detail, long limit, String which) {
        return new ProblemException(422, "limit_exceeded", detail,
                java.util.Map.of("limit", Amounts.format(limit), "limitType", which));
    }
}
