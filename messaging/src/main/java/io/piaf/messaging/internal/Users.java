package io.piaf.messaging.internal;

import java.util.UUID;

import io.piaf.common.ProblemException;
import io.piaf.identity.Handle;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.identity.UserSummary;
import reactor.core.publisher.Mono;

/** The identity look-ups every messaging endpoint starts with, and their problems. */
final class Users {

    private Users() {
    }

    /** The user a path names; 400 for a malformed handle, 404 when nobody has it. */
    static Mono<UserSummary> byHandle(Identity identity, String handleInput) {
        return Mono.fromCallable(() -> Handle.parse(handleInput))
                .flatMap(identity::findByHandle)
                .switchIfEmpty(Mono.error(() -> userNotFound(handleInput)));
    }

    /** The caller, who must still exist. */
    static Mono<UserSummary> caller(Identity identity, UserId id) {
        return identity.find(id).switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated",
                "The token's user no longer exists.")));
    }

    static ProblemException userNotFound(String handle) {
        return ProblemException.notFound("user_not_found", "No user has the handle " + handle + ".");
    }

    static java.util.Map<String, Object> brief(UserSummary user) {
        return brief(user.id().value(), user.handle(), user.displayName());
    }

    static java.util.Map<String, Object> brief(UUID id, String handle, String displayName) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("id", id.toString());
        map.put("handle", handle);
        map.put("displayName", displayName);
        return map;
    }
}
