package io.piaf.payments.internal;

import java.util.List;

import org.springframework.stereotype.Service;

import io.piaf.payments.PaymentOrder;
import io.piaf.payments.PaymentOrders;
import io.piaf.payments.PendingPayment;
import io.piaf.payments.Money;
import reactor.core.publisher.Mono;

/**
 * Payments ordered by other modules into their accounts go through the same {@link PaymentRequests} as a payment to a
 * person (rules, caps, challenge, event), in the caller's transaction.
 */
@Service
class PaymentOrderService implements PaymentOrders {

    private final PaymentRequests requests;

    PaymentOrderService(PaymentRequests requests) {
        this.requests = requests;
    }

    @Override
    public Mono<PendingPayment> request(PaymentOrder order) {
        var payment = new PaymentRequests.NewPayment(order.payer(), order.beneficiaryHandle(), order.amount().minorUnits(),
                order.note(), order.receiptVisibility(), false, order.source(), order.sourceId(), order.into(), order.payeeLabel());
        return requests.requestAll(List.of(payment)).flatMap(outcomes -> switch (outcomes.getFirst()) {
            case PaymentRequests.Outcome.Created created -> Mono.just(pending(created.payment()));
            case PaymentRequests.Outcome.Refused refused -> Mono.error(PaymentProblems.of(refused.why()));
            case PaymentRequests.Outcome.Replayed replayed -> Mono.error(new IllegalStateException("An order carries no Idempotency-Key"));
        });
    }

    private static PendingPayment pending(PaymentRow row) {
        return new PendingPayment(row.id(), Money.eur(row.amount()), row.payeeHandle(), row.challenge().text(), row.expiresAt());
    }
}
