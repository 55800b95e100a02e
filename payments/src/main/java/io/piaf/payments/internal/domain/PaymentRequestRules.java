package io.piaf.payments.internal.domain;

import java.util.Optional;

import io.piaf.identity.UserId;

/** Whether a payment may be asked for: checked before it exists, so a refused request writes nothing. */
public final class PaymentRequestRules {

    /** The payee as the directory knows them. */
    public record Payee(UserId id, String handle, boolean charity) {
    }

    /**
     * What a request is judged on.
     *
     * @param payee null when no user has the handle asked for
     * @param mustBeCharity a {@code #don}: only a verified charity may receive it
     * @param sentToday what the payer has sent so far today, in cents
     */
    public record Request(UserId payer, boolean payerHasPin, String payeeHandle, Payee payee, long amount,
            boolean mustBeCharity, long sentToday) {
    }

    private PaymentRequestRules() {
    }

    /** The first rule the request breaks, in the order a payer would fix them; empty when it may be asked for. */
    public static Optional<Refusal> refusal(Request request, PaymentLimits limits) {
        var payee = request.payee();
        if (payee == null) {
            return Optional.of(new Refusal.PayeeNotFound(request.payeeHandle()));
        }
        if (payee.id().equals(request.payer())) {
            return Optional.of(new Refusal.SelfPayment());
        }
        if (request.mustBeCharity() && !payee.charity()) {
            return Optional.of(new Refusal.NotACharity(payee.handle()));
        }
        var pin = PayerRules.mayPay(request.payerHasPin());
        if (pin.isPresent()) {
            return pin;
        }
        return limits.check(request.amount(), payee.charity(), request.sentToday()).map(Refusal.class::cast);
    }
}
