package io.piaf.payments.internal;

import java.util.UUID;

import io.piaf.payments.internal.domain.Card;
import reactor.core.publisher.Mono;

/**
 * The port to a card network (an acquirer such as Stripe or Adyen). Charges are idempotent on {@code chargeId}:
 * charging again with the same id answers the first outcome and never charges twice, so a top-up interrupted
 * half-way can be retried or settled safely.
 */
interface CardRail {

    Mono<Outcome> charge(UUID chargeId, long cents, Card card);

    /**
     * What became of a charge, for the reconciler. A charge the rail never received is voided — it can then never
     * happen later, even if the request that meant to make it is only slow — and reported as failed.
     */
    Mono<Outcome> resolve(UUID chargeId);

    sealed interface Outcome {

        record Succeeded() implements Outcome {
        }

        /** The issuer said no; {@code declineCode} says why (e.g. {@code insufficient_funds}). */
        record Declined(String declineCode, String detail) implements Outcome {
        }

        /** A technical failure at the rail, or a voided charge: nothing was charged. */
        record Failed(String code, String detail) implements Outcome {
        }
    }
}
