package io.piaf.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.payments.Payments;
import reactor.core.publisher.Mono;

/** {@code GET /api/me}: the caller's profile, wallet id and settings. */
@RestController
class MeController {

    record Me(String id, String handle, String displayName, String kind, boolean pinSet, String walletId, Settings settings) {
    }

    record Settings(String paymentVisibility, @JsonProperty("protected") boolean protectedAccount) {
    }

    private final Identity identity;
    private final Payments payments;

    MeController(Identity identity, Payments payments) {
        this.identity = identity;
        this.payments = payments;
    }

    @GetMapping("/api/me")
    Mono<Me> me(@AuthenticationPrincipal Jwt jwt) {
        var id = UserId.fromSubject(jwt.getSubject());
        return identity.find(id)
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(u -> payments.wallet(u.id()).map(w -> w.toString()).defaultIfEmpty("")
                        .map(wallet -> new Me(u.id().toString(), u.handle(), u.displayName(), u.kind().name(), u.pinSet(),
                                wallet.isEmpty() ? null : wallet, new Settings(u.paymentVisibility().name(), u.protectedAccount()))));
    }
}
