package io.piaf.payments.internal.domain;

import io.piaf.identity.PaymentVisibility;

/** What a completed payment's receipt says and who may see it. */
public final class Receipts {

    private Receipts() {
    }

    /**
     * The most private of the payer's setting, the payee's setting and what the request asked; a payment made in a
     * direct message stays private.
     */
    public static PaymentVisibility visibility(PaymentVisibility payer, PaymentVisibility payee,
            PaymentVisibility requested, boolean inDirectMessage) {
        if (inDirectMessage) {
            return PaymentVisibility.PRIVATE;
        }
        var strictest = PaymentVisibility.PUBLIC.mostPrivate(payer).mostPrivate(payee);
        return requested == null ? strictest : strictest.mostPrivate(requested);
    }

    /** {@code "alice paid bob · pizza"}; the amount is never in it (only the parties see amounts). */
    public static String text(String payerHandle, String payeeHandle, String note, boolean donation) {
        var text = payerHandle + (donation ? " donated to " : " paid ") + payeeHandle;
        return note == null || note.isBlank() ? text : text + " · " + note;
    }

    /** The statement line of each side of a transfer between two wallets. */
    public static String debitLine(String payeeHandle, String note, boolean donation) {
        return (donation ? "Donation to @" : "Payment to @") + payeeHandle + (note == null ? "" : " · " + note);
    }

    public static String creditLine(String payerHandle, String note, boolean donation) {
        return (donation ? "Donation from @" : "Payment from @") + payerHandle + (note == null ? "" : " · " + note);
    }
}
