package io.piaf.commerce.internal;

import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import io.piaf.commerce.MerchantId;
import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;

/**
 * Who calls: a merchant's token names its OAuth client ({@code client_id}) and the merchant as {@code sub}; a user's
 * token names the user. The security configuration already refused the wrong kind by scope; this reads the id.
 */
final class Callers {

    private Callers() {
    }

    static boolean isMerchant(Jwt jwt) {
        return jwt.getClaimAsString("client_id") != null;
    }

    static MerchantId merchant(Jwt jwt) {
        if (!isMerchant(jwt)) {
            throw ProblemException.forbidden("merchant_token_required", "This call takes a merchant's token.");
        }
        try {
            return new MerchantId(UUID.fromString(jwt.getSubject()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(401, "unauthenticated", "The token does not name a merchant.");
        }
    }

    static UserId user(Jwt jwt) {
        if (isMerchant(jwt)) {
            throw ProblemException.forbidden("user_token_required", "This call takes a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }

    static UUID id(String text, ProblemException notFound) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw notFound;
        }
    }
}
