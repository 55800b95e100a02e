package io.piaf.payments.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.piaf.payments.internal.domain.Receipts;
import reactor.core.publisher.Mono;

/**
 * What {@code GET /api/payments/{id}} shows: the parties see everything; anyone else sees the receipt — who paid
 * whom, the note, never the amount — when the receipt's visibility lets them (PUBLIC: everyone; FOLLOWERS: the
 * followers of either party); otherwise the payment does not exist for them (404). The receipt's visibility is the
 * one its timeline item got ({@link PaymentTimeline}); while a payment is pending, its parties are told the
 * visibility its receipt would get now, so the payer knows who will see it before confirming.
 */
@Component
class PaymentViews {

    record ChallengeView(MoneyJson amount, String payee, String text) {
    }

    record PaymentView(String id, String status, String from, String to, MoneyJson amount, String note, Boolean donation,
            String source, String createdAt, String expiresAt, String completedAt, String endedAt, String reason,
            ChallengeView challenge, String visibility) {
    }

    private final PaymentStore payments;
    private final FollowCopyStore follows;
    private final Identity identity;

    PaymentViews(PaymentStore payments, FollowCopyStore follows, Identity identity) {
        this.payments = payments;
        this.follows = follows;
        this.identity = identity;
    }

    Mono<PaymentView> view(UserId viewer, PaymentId id) {
        return payments.find(id)
                .filterWhen(p -> p.isParty(viewer) ? Mono.just(true) : mayReadReceipt(viewer, p))
                .flatMap(p -> !p.isParty(viewer) ? Mono.just(receipt(p))
                        : p.status() == PaymentStatus.PENDING_CONFIRMATION ? pendingForParty(p, viewer)
                        : Mono.just(forParty(p, viewer)))
                .switchIfEmpty(Mono.error(PaymentConfirmations::notFound));
    }

    private Mono<PaymentView> pendingForParty(PaymentRow p, UserId viewer) {
        return identity.findAll(List.of(p.payerId(), p.payeeId())).map(users -> {
            var visibility = Receipts.visibility(PaymentTimeline.party(users.get(p.payerId())),
                    PaymentTimeline.party(users.get(p.payeeId())), p.requestedVisibility(), p.source() == PaymentSource.DM);
            var view = forParty(p, viewer);
            return new PaymentView(view.id(), view.status(), view.from(), view.to(), view.amount(), view.note(),
                    view.donation(), view.source(), view.createdAt(), view.expiresAt(), view.completedAt(),
                    view.endedAt(), view.reason(), view.challenge(), visibility.name());
        });
    }

    private Mono<Boolean> mayReadReceipt(UserId viewer, PaymentRow p) {
        if (p.status() != PaymentStatus.COMPLETED || p.receiptVisibility() == null) {
            return Mono.just(false);
        }
        return switch (p.receiptVisibility()) {
            case PUBLIC -> Mono.just(true);
            case FOLLOWERS -> follows.followsEither(viewer, p.payerId(), p.payeeId());
            case PRIVATE -> Mono.just(false);
        };
    }

    static PaymentView forParty(PaymentRow p, UserId viewer) {
        var completed = p.status() == PaymentStatus.COMPLETED;
        var pending = p.status() == PaymentStatus.PENDING_CONFIRMATION;
        var challenge = pending && p.payerId().equals(viewer)
                ? new ChallengeView(MoneyJson.of(p.amount()), p.payeeHandle(), p.challenge().text()) : null;
        return new PaymentView(p.id().toString(), p.status().name(), p.payerHandle(), p.payeeHandle(), MoneyJson.of(p.amount()),
                p.note(), p.donation(), p.source().name(), p.createdAt().toString(), p.expiresAt().toString(),
                completed ? p.decidedAt().toString() : null, !completed && !pending ? p.decidedAt().toString() : null,
                !completed && !pending ? p.statusReason() : null, challenge, visibility(p.receiptVisibility()));
    }

    private static PaymentView receipt(PaymentRow p) {
        return new PaymentView(p.id().toString(), p.status().name(), p.payerHandle(), p.payeeHandle(), null, p.note(),
                p.donation(), null, null, null, p.decidedAt().toString(), null, null, null, visibility(p.receiptVisibility()));
    }

    private static String visibility(PaymentVisibility v) {
        return v == null ? null : v.name();
    }
}
