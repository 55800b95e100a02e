package io.piaf.savings.internal;

import org.springframework.security.oauth2.jwt.Jwt;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;

/** Who is calling: a signed-in user. Other tokens (a merchant's) do not touch a user's savings. */
final class Callers {

    private Callers() {
    }

    static UserId user(Jwt jwt) {
        var scope = jwt.getClaimAsString("scope");
        if (scope == null || !java.util.List.of(scope.split(" ")).contains("user")) {
            throw ProblemException.forbidden("forbidden", "This needs a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }
}
