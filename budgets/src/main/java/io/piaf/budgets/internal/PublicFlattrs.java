package io.piaf.budgets.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.Handle;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * Who flattred whom is private to the flattrer and the creator, unless the flattrer makes their flattrs public: then
 * anyone signed in may list them. A user whose flattrs are private (or who has no budget, or no such user) is the same
 * 404 to others, so that nobody learns whether a private flattrer exists.
 */
@RestController
@Tag(name = "Budgets")
class PublicFlattrs {

    static final int LIST_MAX = 50;

    @Schema(name = "FlattrVisibility")
    record Visibility(@Schema(requiredMode = RequiredMode.REQUIRED, description = "Whether anyone may see whose posts you flattr") Boolean publicFlattrs) {
    }

    @Schema(name = "PublicFlattr")
    record Flattr(@Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String postId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "The post's author") String creator,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") Instant at) {
    }

    @Schema(name = "PublicFlattrs")
    record Flattrs(@Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String user,
            @Schema(requiredMode = RequiredMode.REQUIRED) @ArraySchema(maxItems = LIST_MAX, schema = @Schema(implementation = Flattr.class)) List<Flattr> flattrs) {
    }

    private final DatabaseClient db;
    private final Identity identity;

    PublicFlattrs(DatabaseClient db, Identity identity) {
        this.db = db;
        this.identity = identity;
    }

    @PutMapping(path = "/api/budget/visibility", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "setFlattrVisibility", summary = "Make your flattrs public, or private again (the default)",
            description = "Public: anyone signed in sees whose posts you flattred (GET /api/users/{handle}/flattrs), not the amounts.")
    @ProblemResponse(status = 400, codes = "invalid_visibility")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "no_budget", description = "You have never set a budget.")
    Mono<Visibility> set(@AuthenticationPrincipal Jwt jwt, @RequestBody Visibility body) {
        var user = Callers.user(jwt);
        return Mono.defer(() -> {
            if (body == null || body.publicFlattrs() == null) {
                throw ProblemException.badRequest("invalid_visibility", "Send {\"publicFlattrs\":true} or false.");
            }
            return db.sql("update budgets.budget set public_flattrs = $2 where user_id = $1").bind(0, user.value()).bind(1, body.publicFlattrs())
                    .fetch().rowsUpdated()
                    .flatMap(n -> n == 0 ? Mono.error(ProblemException.notFound("no_budget", "You have no budget: set one with PUT /api/budget."))
                            : Mono.just(new Visibility(body.publicFlattrs())));
        });
    }

    @GetMapping("/api/users/{handle}/flattrs")
    @Operation(operationId = "getPublicFlattrs", summary = "A user's flattrs, if they made them public (yours always)",
            description = "Newest first, at most 50: the post and its author, not the amounts.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "flattrs_not_found", description = "No such user, or their flattrs are private.")
    Mono<Flattrs> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String handle) {
        var caller = Callers.user(jwt);
        return Mono.defer(() -> {
            if (!Handle.isValid(handle)) {
                return Mono.<Flattrs>error(notFound());
            }
            return identity.findByHandle(Handle.parse(handle))
                    .filterWhen(user -> user.id().equals(caller) ? Mono.just(true) : isPublic(user.id()))
                    .switchIfEmpty(Mono.error(PublicFlattrs::notFound))
                    .flatMap(user -> db.sql("""
                                    select f.post_id, p.author_handle, f.created_at from budgets.flattr f join budgets.post p on p.post_id = f.post_id
                                    where f.user_id = $1 order by f.created_at desc, f.post_id limit $2""")
                            .bind(0, user.id().value()).bind(1, LIST_MAX)
                            .map(r -> new Flattr(r.get(0, UUID.class).toString(), r.get(1, String.class), r.get(2, Instant.class)))
                            .all().collectList().map(list -> new Flattrs(user.handle(), list)));
        });
    }

    private Mono<Boolean> isPublic(UserId user) {
        return db.sql("select public_flattrs from budgets.budget where user_id = $1").bind(0, user.value())
                .map(r -> r.get(0, Boolean.class)).one().defaultIfEmpty(false);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("flattrs_not_found", "No public flattrs for this user.");
    }
}
