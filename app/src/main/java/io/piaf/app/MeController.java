package io.piaf.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.payments.Payments;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** {@code GET /api/me}: the caller's profile, wallet id and settings. */
@RestController
@Tag(name = "Identity")
class MeController {

    record Me(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 50) String displayName,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PERSON", "CHARITY" }) String kind,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Whether a payment PIN is set: needed to pay") boolean pinSet,
            @Schema(format = "uuid", description = "Absent for the instant between sign-up and the wallet's opening") String walletId,
            @Schema(requiredMode = RequiredMode.REQUIRED) Settings settings) {
    }

    /** The same schema as identity's answer to {@code PUT /api/me/settings}. */
    @Schema(name = "Settings")
    record Settings(
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "PUBLIC", "FOLLOWERS", "PRIVATE" }) String paymentVisibility,
            @JsonProperty("protected") @Schema(requiredMode = RequiredMode.REQUIRED) boolean protectedAccount) {
    }

    private final Identity identity;
    private final Payments payments;

    MeController(Identity identity, Payments payments) {
        this.identity = identity;
        this.payments = payments;
    }

    @GetMapping("/api/me")
    @Operation(summary = "Get your profile, wallet id and settings")
    Mono<Me> me(@AuthenticationPrincipal Jwt jwt) {
        var id = UserId.fromSubject(jwt.getSubject());
        return identity.find(id)
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")))
                .flatMap(u -> payments.wallet(u.id()).map(w -> w.toString()).defaultIfEmpty("")
                        .map(wallet -> new Me(u.id().toString(), u.handle(), u.displayName(), u.kind().name(), u.pinSet(),
                                wallet.isEmpty() ? null : wallet, new Settings(u.paymentVisibility().name(), u.protectedAccount()))));
    }
}
