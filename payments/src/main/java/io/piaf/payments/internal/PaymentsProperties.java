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
 * @param confirmationLanes how many batches of confirmations run side by side (payers are spread over them); they
 *        lock wallets, then accounts, each in one global order, so they may queue on a shared account but never
 *        deadlock
 * @param topUpDailyCap what an account may top up in total per calendar day of {@code zone}
 * @param topUpDeclinesPerDay declined top-ups an account may have in 24 h; past it, top-ups are refused (card
 *        testing: many stolen cards tried from one account)
 * @param cardDeclinesPerDay declined top-ups one card may have in 24 h across all accounts; past it, that card is
 *        refused (guessing a stolen card's expiry or security code from many accounts)
 * @param creationBatch the most payment creations committed together in one transaction (1: one transaction each)
 * @param creationLanes how many batches of creations run side by side; creations lock nothing another waits for
 * @param fingerprintKey base64 key of the HMAC that fingerprints requests (it covers card numbers, so it is keyed);
 *        when absent, read from the secret file {@code fingerprint-key} (generated there in development only)
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
        @DefaultValue("1") int confirmationLanes,
        @DefaultValue("2000.00") BigDecimal topUpDailyCap,
        @DefaultValue("5") int topUpDeclinesPerDay,
        @DefaultValue("5") int cardDeclinesPerDay,
        @DefaultValue("64") int creationBatch,
        @DefaultValue("1") int creationLanes,
        String fingerprintKey) {

    PaymentLimits limits() {
        return new PaymentLimits(cents(perPaymentToPerson), cents(perPaymentToCharity), cents(dailyLimit));
    }

    long maxTopUpCents() {
        return cents(maxTopUp);
    }

    long topUpDailyCapCents() {
        return cents(topUpDailyCap);
    }

    private static long cents(BigDecimal euros) {
        return euros.movePointRight(2).longValueExact();
    }
}
