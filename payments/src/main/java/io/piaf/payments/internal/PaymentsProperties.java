package io.piaf.payments.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.piaf.payments.internal.domain.PaymentLimits;

/**
 * {@code piaf.payments.*}. Amounts are in euros.
 *
 * @param perPaymentToPerson cap of one payment to a person
 * @param perPaymentToCharity cap of one payment to a verified charity
 * @param dailyLimit what a payer may send in total per calendar day of {@code zone}
 * @param maxTopUp the largest single top-up
 * @param confirmationWindow how long a payment waits for its PIN before it expires
 * @param zone the time zone whose midnight resets the daily limit
 * @param idempotencyRetention how long an Idempotency-Key and its response are kept
 * @param idempotencyWait how long a duplicate request waits for the first one to finish before a 409
 * @param idempotencyLease how long a request in flight holds its key: after it, a crashed request's key may be
 *        taken over by a retry
 * @param sweepInterval how often expired payments, stale top-ups and old keys are swept
 * @param topUpStaleAfter when a top-up still pending (its process died mid-way) is settled by asking the rail
 * @param confirmationBatch the most confirmations committed together in one transaction (1: one transaction each)
 * @param creationBatch the most payment creations committed together in one transaction (1: one transaction each)
 * @param fingerprintKey base64 key of the HMAC that fingerprints requests (it covers card numbers, so it is keyed);
 *        generated once and kept in the database when absent — production sets it from a secret store
 */
@ConfigurationProperties("piaf.payments")
record PaymentsProperties(
        @DefaultValue("250.00") BigDecimal perPaymentToPerson,
        @DefaultValue("500.00") BigDecimal perPaymentToCharity,
        @DefaultValue("1000.00") BigDecimal dailyLimit,
        @DefaultValue("1000.00") BigDecimal maxTopUp,
        @DefaultValue("15m") Duration confirmationWindow,
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("10s") Duration idempotencyWait,
        @DefaultValue("1m") Duration idempotencyLease,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("1m") Duration topUpStaleAfter,
        @DefaultValue("64") int confirmationBatch,
        @DefaultValue("64") int creationBatch,
        String fingerprintKey) {

    PaymentLimits limits() {
        return new PaymentLimits(cents(perPaymentToPerson), cents(perPaymentToCharity), cents(dailyLimit));
    }

    long maxTopUpCents() {
        return cents(maxTopUp);
    }

    private static long cents(BigDecimal euros) {
        return euros.movePointRight(2).longValueExact();
    }
}
