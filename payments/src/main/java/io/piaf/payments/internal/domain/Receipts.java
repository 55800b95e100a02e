package io.piaf.payments.internal.domain;

import io.piaf.identity.PaymentVisibility;

/** What a completed payment's receipt says and who may see it. */
public final class Receipts {

    private Receipts() {
    }

    /**
     * What a party of a payment wants of its receipt.
     *
     * @param paymentVisibility the party's setting
     * @param protectedAccount a protected account shows nothing to the public: at most its approved followers
     */
    public record Party(PaymentVisibility paymentVisibility, boolean protectedAccount) {

        /** A party nobody knows any more (a deleted account) wants the most private receipt. */
        public static final Party UNKNOWN = new Party(PaymentVisibility.PRIVATE, true);

        PaymentVisibility atMost() {
            var wanted = paymentVisibility == null ? PaymentVisibility.PRIVATE : paymentVisibility;
            return protectedAccount ? wanted.mostPrivate(PaymentVisibility.FOLLOWERS) : wanted;
        }
    }

    /**
     * The most private of what the payer, the payee and the request want; a payment made in a direct message stays
     * private.
     */
    public static PaymentVisibility visibility(Party payer, Party payee, PaymentVisibility requested,
            boolean inDirectMessage) {
        if (inDirectMessage) {
            return PaymentVisibility.PRIVATE;
        }
        var strictest = payer.atMost().mostPrivate(payee.atMost());
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
