package io.piaf.payments;

import java.util.Objects;

import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;

/**
 * A payment whose money lands in {@code into}, an account the asking module opened for {@code beneficiaryHandle}
 * (e.g. a pot's account, owned by its organiser). The beneficiary is the payee for the rules (caps, no self-payment)
 * and for the receipt's parties; {@code payeeLabel} is what the payer is shown and confirms, e.g. {@code pot/anniv-lea}.
 *
 * @param receiptVisibility the receipt's visibility, or null for the parties' settings
 * @param sourceId the post id when {@code source} is POST: a post makes at most one payment
 */
public record PaymentOrder(UserId payer, String beneficiaryHandle, String payeeLabel, AccountId into, Money amount,
        String note, PaymentVisibility receiptVisibility, PaymentSource source, String sourceId) {

    public PaymentOrder {
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(beneficiaryHandle, "beneficiaryHandle");
        Objects.requireNonNull(payeeLabel, "payeeLabel");
        Objects.requireNonNull(into, "into");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(source, "source");
    }
}
