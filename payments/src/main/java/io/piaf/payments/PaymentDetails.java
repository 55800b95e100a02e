package io.piaf.payments;

import java.util.Objects;

/**
 * What every payment event says of its payment: who pays whom, how much, why, and where it was asked for.
 *
 * @param note the payer's note, or null
 * @param donation the payee is a verified charity
 * @param source where it was asked for; {@code sourceId} is the post or message id (null for the API)
 */
public record PaymentDetails(PaymentId paymentId, Party payer, Party payee, Money amount, String note, boolean donation,
        PaymentSource source, String sourceId) {

    public PaymentDetails {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(source, "source");
    }
}
