package io.piaf.payments.internal.domain;

import java.util.Optional;

/**
 * The payer's PIN rule, in one place: nobody pays without a PIN. A request is refused before it exists when its payer
 * has none; a confirmation is refused when the PIN check finds none (it was removed in between).
 */
public final class PayerRules {

    private PayerRules() {
    }

    public static Optional<Refusal> mayPay(boolean hasPin) {
        return hasPin ? Optional.empty() : Optional.of(new Refusal.PinNotSet());
    }
}
