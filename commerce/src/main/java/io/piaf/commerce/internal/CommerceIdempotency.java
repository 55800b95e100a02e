package io.piaf.commerce.internal;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.piaf.commerce.MerchantId;
import io.piaf.common.ProblemException;
import io.piaf.idempotency.IdempotentRequests;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} on commerce's money POSTs: the platform's {@link IdempotentRequests} (the merchant's id is
 * the key's owner), with the key required as Stripe requires it of merchants — a merchant's server retries on
 * timeouts, and a retry without a key could create a second session, refund or payout.
 */
@Component
class CommerceIdempotency {

    static final String REPLAYED = "Idempotent-Replayed";

    private final IdempotentRequests requests;

    CommerceIdempotency(IdempotentRequests requests) {
        this.requests = requests;
    }

    /** {@code creation} runs once per merchant and key, in one transaction with the storing of its 201 answer. */
    Mono<ResponseEntity<String>> created(MerchantId merchant, String key, String operation, String canonicalRequest, Mono<String> creation) {
        if (key == null) {
            return Mono.error(ProblemException.badRequest("idempotency_key_required", "This call moves money: send an Idempotency-Key header."));
        }
        return requests.created(merchant.value(), key, requests.fingerprint(operation, canonicalRequest), creation)
                .map(response -> {
                    var answer = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
                    if (response.replayed()) {
                        answer.header(REPLAYED, "true");
                    }
                    return answer.body(response.body());
                });
    }
}
