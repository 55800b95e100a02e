package io.piaf.payments.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.AccountKind;
import io.piaf.identity.Handle;
import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.outbox.Outbox;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.Challenge;
import io.piaf.payments.internal.domain.PaymentStatus;
import reactor.core.publisher.Mono;

/**
 * Creates payments, from the API, a post or a direct message: checks the payee, the payer's PIN and the caps, then
 * records the payment as PENDING_CONFIRMATION with its challenge and announces it, in one transaction.
 */
@Service
class PaymentRequests {

    /**
     * What a payer asks for.
     *
     * @param mustBeCharity a {@code #don}: the payee must be a verified charity
     * @param sourceId the post or message id: a source makes at most one payment
     */
    record NewPayment(UserId payer, String payeeHandle, long amount, String note, PaymentVisibility requestedVisibility,
            boolean mustBeCharity, PaymentSource source, String sourceId) {
    }

    private final Identity identity;
    private final WalletService wallets;
    private final PaymentStore payments;
    private final Outbox outbox;
    private final PaymentsProperties properties;
    private final TransactionalOperator transactional;

    PaymentRequests(Identity identity, WalletService wallets, PaymentStore payments, Outbox outbox,
            PaymentsProperties properties, ReactiveTransactionManager transactions) {
        this.identity = identity;
        this.wallets = wallets;
        this.payments = payments;
        this.outbox = outbox;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    /**
     * Creates the payment. {@code inTransaction} runs in the creating transaction (the API stores its idempotent
     * response there). When the source already made a payment, emits that one and changes nothing.
     */
    Mono<PaymentRow> request(NewPayment request, Function<PaymentRow, Mono<Void>> inTransaction) {
        var payer = identity.find(request.payer())
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")));
        var payee = Mono.fromCallable(() -> new Handle(request.payeeHandle()))
                .flatMap(identity::findByHandle).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(payer, payee).flatMap(users -> {
            var from = users.getT1();
            var to = users.getT2().orElseThrow(() -> ProblemException.unprocessable("payee_not_found",
                    "No Piaf user has the handle @" + request.payeeHandle() + "."));
            if (to.id().equals(from.id())) {
                throw ProblemException.unprocessable("self_payment", "You cannot pay yourself.");
            }
            var toCharity = to.kind() == AccountKind.CHARITY;
            if (request.mustBeCharity() && !toCharity) {
                throw ProblemException.unprocessable("not_a_charity", "@" + to.handle() + " is not a verified charity: #don is for donations.");
            }
            if (!from.pinSet()) {
                throw ProblemException.unprocessable("pin_not_set", "Set a PIN (PUT /api/me/pin) before paying.");
            }
            return wallets.walletsOf(from.id(), to.id()).flatMap(pair -> {
                var payerWallet = pair.getT1();
                properties.limits().check(request.amount(), toCharity, payerWallet.sentSoFarToday()).ifPresent(breach -> {
                    throw breach;
                });
                var id = PaymentId.random();
                var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                var row = new PaymentRow(id, from.id(), payerWallet.id(), from.handle(), to.id(), pair.getT2().id(),
                        to.handle(), to.kind(), request.amount(), "EUR", request.note(), request.requestedVisibility(),
                        request.source(), request.sourceId(),
                        Challenge.digest(id.value(), from.id().value(), to.id().value(), request.amount(), "EUR"),
                        PaymentStatus.PENDING_CONFIRMATION, null, now.plus(properties.confirmationWindow()), now, null, null, null);
                return transactional.transactional(payments.insert(row).flatMap(inserted -> inserted
                        ? outbox.append(PaymentEvents.requested(row)).then(inTransaction.apply(row)).thenReturn(row)
                        : payments.findBySource(row.source(), row.sourceId()))).retryWhen(TransientFailures.retry());
            });
        });
    }
}
