package io.piaf.requests.internal;

import org.springframework.stereotype.Component;

import io.piaf.outbox.Outbox;
import io.piaf.outbox.OutboxListener;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentCancelled;
import io.piaf.payments.PaymentCompleted;
import io.piaf.payments.PaymentExpired;
import io.piaf.payments.PaymentFailed;
import io.piaf.requests.MoneyRequestPaid;
import reactor.core.publisher.Mono;

/**
 * An item follows its payment. The money is already in the requester's wallet when {@link PaymentCompleted} is
 * committed; this marks the item PAID and tells the requester, once: only a PENDING item waiting on this payment
 * changes, so a second delivery finds nothing. Payments that are not requests' find no item.
 */
@Component
class RequestPaymentListener {

    private final RequestStore store;
    private final Outbox outbox;

    RequestPaymentListener(RequestStore store, Outbox outbox) {
        this.store = store;
        this.outbox = outbox;
    }

    @OutboxListener(id = "requests.ItemPaid")
    Mono<Void> on(PaymentCompleted completed) {
        return store.paid(completed.payment().paymentId(), completed.completedAt())
                .flatMap(item -> store.find(item.request()).flatMap(request -> outbox.append(new MoneyRequestPaid(item.request(),
                        request.requester(), item.payer(), item.payerHandle(), Money.eur(item.amount()), item.paid(), completed.completedAt()))))
                .then();
    }

    @OutboxListener(id = "requests.PaymentCancelled")
    Mono<Void> on(PaymentCancelled cancelled) {
        return store.paymentEnded(cancelled.payment().paymentId());
    }

    @OutboxListener(id = "requests.PaymentExpired")
    Mono<Void> on(PaymentExpired expired) {
        return store.paymentEnded(expired.payment().paymentId());
    }

    @OutboxListener(id = "requests.PaymentFailed")
    Mono<Void> on(PaymentFailed failed) {
        return store.paymentEnded(failed.payment().paymentId());
    }
}
