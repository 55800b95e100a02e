package io.piaf.payments.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import io.piaf.common.ApiFormats;
import io.piaf.identity.Identity;
import io.piaf.identity.PaymentVisibility;
import io.piaf.identity.UserId;
import io.piaf.payments.PaymentId;
import io.piaf.payments.PaymentSource;
import io.piaf.payments.internal.domain.PaymentStatus;
import io.piaf.payments.internal.domain.Receipts;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
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

    @Schema(name = "Challenge", description = "What the payer's PIN confirms: this amount to this payee")
    record ChallengeView(
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PAYEE, maxLength = ApiFormats.PAYEE_MAX,
                    description = "A handle, or a pot's or campaign's label (pot/<slug>, campagne/<slug>)") String payee,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 200, example = "Pay 12.50 EUR to @bob")
            String text) {
    }

    @Schema(name = "Payment", description = "A payment as its parties see it; others see its receipt: id, status, from, to, "
            + "note, donation, completedAt and visibility, never the amount")
    record PaymentView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PENDING_CONFIRMATION", "COMPLETED", "CANCELLED", "EXPIRED", "FAILED" })
            String status,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "The payer")
            String from,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.PAYEE, maxLength = ApiFormats.PAYEE_MAX,
                    description = "The payee: a handle, or a pot's or campaign's label (pot/<slug>, campagne/<slug>)")
            String to,
            @Schema(description = "Parties only") MoneyJson amount,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280) String note,
            @Schema(description = "Whether the payee is a verified charity") Boolean donation,
            @Schema(allowableValues = { "API", "POST", "DM" }, description = "Parties only: where the payment was asked for") String source,
            @Schema(format = "date-time", description = "Parties only") String createdAt,
            @Schema(format = "date-time", description = "Parties only: a pending payment expires then") String expiresAt,
            @Schema(format = "date-time") String completedAt,
            @Schema(format = "date-time", description = "Parties only: when it was cancelled, expired or failed") String endedAt,
            @Schema(allowableValues = { "BY_PAYER", "PIN_LOCKED", "expired", "challenge_mismatch", "wallet_missing" },
                    description = "Parties only: why it ended without being paid") String reason,
            @Schema(description = "The payer, while pending") ChallengeView challenge,
            @Schema(allowableValues = { "PUBLIC", "FOLLOWERS", "PRIVATE" }, description = "Who besides the parties sees the receipt "
                    + "(the parties' settings and the request decide it); while pending, GET tells the parties what it would be now")
            String visibility) {
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
                .switchIfEmpty(Mono.error(PaymentProblems::notFound));
    }

    private Mono<PaymentView> pendingForParty(PaymentRow p, UserId viewer) {
        return identity.findAll(List.of(p.payerId(), p.payeeId())).map(users -> {
            var visibility = Receipts.visibility(PaymentTimeline.party(users.get(p.payerId())),
                    PaymentTimeline.party(users.get(p.payeeId())), p.terms().requestedVisibility(), p.source() == PaymentSource.DM);
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
