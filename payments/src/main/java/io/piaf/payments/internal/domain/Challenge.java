package io.piaf.payments.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * PSD2 dynamic linking: the PIN confirms one payment of one amount to one payee, shown to the payer as the
 * challenge. The digest binds the payment's terms at creation; confirmation recomputes it from the stored row and
 * refuses a payment whose amount or payee differ from what the payer was shown.
 */
public record Challenge(long amount, String currency, String payeeHandle) {

    /** What the payer reads before typing the PIN, e.g. {@code "Pay 12.50 EUR to @bob"}. */
    public String text() {
        return "Pay " + Amounts.format(amount) + " " + currency + " to @" + payeeHandle;
    }

    public static byte[] digest(UUID paymentId, UUID payer, UUID payee, long amount, String currency) {
        return digest(paymentId, payer, payee, amount, currency, null);
    }

    /** {@code into}: the account the money lands in when it is not the payee's wallet (a pot's), bound too. */
    public static byte[] digest(UUID paymentId, UUID payer, UUID payee, long amount, String currency, UUID into) {
        var terms = String.join("|", "piaf-payment-v1", paymentId.toString(), payer.toString(), payee.toString(),
                Long.toString(amount), currency) + (into == null ? "" : "|into:" + into);
        try {
            return MessageDigest.getInstance("SHA-256").digest(terms.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean matches(byte[] stored, UUID paymentId, UUID payer, UUID payee, long amount, String currency) {
        return matches(stored, paymentId, payer, payee, amount, currency, null);
    }

    public static boolean matches(byte[] stored, UUID paymentId, UUID payer, UUID payee, long amount, String currency, UUID into) {
        return MessageDigest.isEqual(stored, digest(paymentId, payer, payee, amount, currency, into));
    }
}
