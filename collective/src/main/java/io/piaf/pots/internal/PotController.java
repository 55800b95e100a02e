package io.piaf.pots.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.common.Slugs;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.identity.UserId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentSource;
import io.piaf.pots.PotId;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.piaf.pots.internal.domain.PotAmounts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The pots API (docs/api.md, "Pots"). A pot is addressed by its id or its slug. */
@RestController
@Tag(name = "Pots")
class PotController {

    static final String REF = "The pot's id or its slug (any case)";
    static final String MONEY_INPUT = "#/components/schemas/MoneyInput";
    static final String REPLAYED = "Idempotent-Replayed";

    /** Read as payments' money ({@code MoneyInput} in the description); the amount stays an Object to refuse JSON numbers. */
    @Schema(name = "PotMoneyInput")
    record MoneyBody(Object amount, String currency) {
    }

    @Schema(name = "PotRequest")
    record NewPotBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 80, example = "L'anniv de Léa") String title,
            @Schema(pattern = ApiFormats.TEXT, maxLength = 1000) String description,
            @Schema(ref = MONEY_INPUT, description = "A target to show, if any") MoneyBody target,
            @Schema(format = "date-time", maxLength = 40, description = "When it stops taking contributions: 1 minute to 1 year ahead; "
                    + "absent: it stays open until closed") String endsAt,
            @Schema(allowableValues = { "PUBLIC", "FOLLOWERS", "ORGANISER" }, defaultValue = "PUBLIC",
                    description = "Who sees the list of contributions (any case)") String contributionVisibility,
            @Schema(pattern = "^[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]$", maxLength = 40, example = "anniv-lea",
                    description = "Its address @pot/<slug>, lower-cased; absent: made from the title") String slug) {
    }

    @Schema(name = "PotContributionRequest")
    record ContributionBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY_INPUT) MoneyBody amount,
            @Schema(description = "Hide your name (and your note) from others") Boolean anonymous,
            @Schema(description = "Hide your amount (and your note) from others") Boolean hideAmount,
            @Schema(pattern = ApiFormats.LINE, maxLength = 280) String note) {
    }

    @Schema(name = "PotWithdrawalRequest")
    record WithdrawalBody(@Schema(ref = MONEY_INPUT, description = "Absent: all the pot holds") MoneyBody amount) {
    }

    private final PotService service;
    private final PotStore pots;
    private final Ledger ledger;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    PotController(PotService service, PotStore pots, Ledger ledger, IdempotentRequests idempotency, JsonMapper json) {
        this.service = service;
        this.pots = pots;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/pots", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open a money pot",
            description = "A public pot_opened item announces it in your timeline. Contributions land in the pot's own account, "
                    + "which you withdraw from.",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = PotViews.Pot.class))))
    @ProblemResponse(status = 400, codes = { "invalid_body", "invalid_title", "invalid_description", "invalid_amount", "unsupported_currency",
            "invalid_end", "invalid_visibility", "invalid_slug" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "slug_taken", description = "Another pot has this address.")
    Mono<ResponseEntity<PotViews.Pot>> open(@AuthenticationPrincipal Jwt jwt, @RequestBody NewPotBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_body", "A pot has a title.");
            }
            var target = body.target() == null ? null : cents(body.target());
            var visibility = visibility(body.contributionVisibility());
            var slug = body.slug() == null || body.slug().isBlank() ? null : body.slug().strip().toLowerCase(Locale.ROOT);
            return service.open(new PotService.NewPot(user, body.title(), body.description(), target, instant(body.endsAt()), visibility, slug));
        }).map(pot -> ResponseEntity.status(HttpStatus.CREATED).body(PotViews.statusOnly(pot, user)));
    }

    @GetMapping("/api/pots")
    @Operation(summary = "List your own pots, newest first", description = "At most 50.",
            responses = @ApiResponse(responseCode = "200", description = "Your pots",
                    content = @Content(array = @ArraySchema(maxItems = 50, schema = @Schema(implementation = PotViews.Pot.class)))))
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<java.util.List<PotViews.Pot>> mine(@AuthenticationPrincipal Jwt jwt) {
        var user = user(jwt);
        return pots.byOrganiser(user, 50).map(p -> PotViews.statusOnly(p, user)).collectList();
    }

    @GetMapping("/api/pots/{ref}")
    @Operation(summary = "Get a pot by its id or slug", description = "Any user may read a pot; its organiser also sees `balance` and `withdrawn`.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "pot_not_found")
    Mono<PotViews.Pot> get(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = PotViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref) {
        var user = user(jwt);
        return find(ref).flatMap(pot -> !pot.organiser().equals(user) ? Mono.just(PotViews.of(pot, user, null))
                : ledger.balance(pot.account()).map(Money::minorUnits).defaultIfEmpty(0L).map(balance -> PotViews.of(pot, user, balance)));
    }

    @GetMapping("/api/pots/{ref}/contributions")
    @Operation(summary = "List a pot's completed contributions, newest first",
            description = "As the viewer may see them: the pot's contributionVisibility says who sees the list; a contributor may "
                    + "hide their name or amount (and then their note) from everyone but the organiser.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "pot_not_found")
    Mono<PotViews.Page> contributions(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = PotViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        var user = user(jwt);
        var size = Cursor.limit(limit, 20, 100);
        Instant at = null;
        UUID after = null;
        if (cursor != null) {
            var parts = Cursor.decode(cursor, 2);
            try {
                at = Instant.parse(parts.get(0));
                after = UUID.fromString(parts.get(1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursor.invalid();
            }
        }
        var from = at;
        var fromId = after;
        return find(ref).flatMap(pot -> viewer(pot, user).flatMap(viewer -> pots.completed(pot.id(), from, fromId, size).collectList()
                .map(rows -> {
                    var items = rows.stream().map(c -> PotViews.of(c, pot, viewer, user)).filter(Objects::nonNull).toList();
                    var last = rows.isEmpty() ? null : rows.getLast();
                    var next = rows.size() < size ? null : Cursor.encode(last.completedAt(), last.id());
                    return new PotViews.Page(items, next);
                })));
    }

    @PostMapping(path = "/api/pots/{ref}/contributions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Contribute to a pot: the payment waits for your PIN",
            description = "Confirm it with POST /api/payments/{paymentId}/confirm within 15 minutes, like any payment (same caps "
                    + "and codes). Idempotency-Key: the same key and request answer the stored response again (Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = PotViews.Created.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_note", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "pot_not_found")
    @ProblemResponse(status = 409, codes = { "pot_closed", "pot_ended" }, description = "The pot takes no more contributions.")
    @ProblemResponse(status = 422, codes = { "self_payment", "pin_not_set", "limit_exceeded", "payee_not_found", "idempotency_key_reused" },
            description = "self_payment: the organiser's own pot; limit_exceeded carries `limit` and `limitType`.")
    Mono<ResponseEntity<String>> contribute(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = PotViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody ContributionBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_amount", "A contribution has an amount.");
            }
            var cents = cents(body.amount());
            var anonymous = Boolean.TRUE.equals(body.anonymous());
            var hideAmount = Boolean.TRUE.equals(body.hideAmount());
            var note = body.note() == null || body.note().isBlank() ? null : body.note().strip();
            if (note != null && note.length() > 280) {
                throw ProblemException.badRequest("invalid_note", "A note is at most 280 characters.");
            }
            return find(ref).flatMap(pot -> idempotency.created(user.value(), key,
                    idempotency.fingerprint("contribution", pot.id().toString(), Long.toString(cents), Boolean.toString(anonymous),
                            Boolean.toString(hideAmount), note),
                    service.contribute(new PotService.NewContribution(user, pot.id(), cents, anonymous, hideAmount, note,
                                    PaymentSource.API, null))
                            .map(c -> json.writeValueAsString(PotViews.created(c)))));
        }).map(PotController::created);
    }

    @PostMapping(path = "/api/pots/{ref}/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Withdraw from your pot to your wallet",
            description = "Organiser only, open or closed; all the pot holds when no amount is given. Idempotency-Key as for contributions.",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = PotViews.WithdrawalView.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "pot_not_found", description = "Also someone else's pot.")
    @ProblemResponse(status = 422, codes = { "insufficient_funds", "idempotency_key_reused" }, description = "insufficient_funds: more than the pot holds, or it is empty.")
    Mono<ResponseEntity<String>> withdraw(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = PotViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody(required = false) WithdrawalBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            var amount = body == null || body.amount() == null ? null : cents(body.amount());
            return find(ref).filter(p -> p.organiser().equals(user)).switchIfEmpty(Mono.error(PotService::notFound))
                    .flatMap(pot -> idempotency.created(user.value(), key,
                            idempotency.fingerprint("withdrawal", pot.id().toString(), String.valueOf(amount)),
                            service.withdraw(user, pot.id(), amount)
                                    .map(w -> json.writeValueAsString(new PotViews.WithdrawalView(w.id().toString(), pot.id().toString(),
                                            PotViews.MoneyView.of(w.amount()), w.transfer().toString())))));
        }).map(PotController::created);
    }

    @PostMapping("/api/pots/{ref}/close")
    @Operation(summary = "Close your pot: it takes no more contributions", description = "Organiser only; closing a closed pot answers it again.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "pot_not_found", description = "Also someone else's pot.")
    Mono<PotViews.Pot> close(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = PotViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref) {
        var user = user(jwt);
        return find(ref).flatMap(pot -> service.close(user, pot.id())).map(pot -> PotViews.statusOnly(pot, user));
    }

    private static ResponseEntity<String> created(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
    }

    private Mono<PotRow> find(String ref) {
        Mono<PotRow> pot;
        try {
            pot = pots.find(new PotId(UUID.fromString(ref)));
        } catch (IllegalArgumentException notAnId) {
            var slug = ref.toLowerCase(Locale.ROOT);
            pot = Slugs.isValid(slug) ? pots.findBySlug(slug) : Mono.empty();
        }
        return pot.switchIfEmpty(Mono.error(PotService::notFound));
    }

    private Mono<ContributionPrivacy.Viewer> viewer(PotRow pot, UserId user) {
        if (pot.organiser().equals(user)) {
            return Mono.just(new ContributionPrivacy.Viewer(true, false));
        }
        if (pot.visibility() != ContributionPrivacy.Visibility.FOLLOWERS) {
            return Mono.just(new ContributionPrivacy.Viewer(false, false));
        }
        return pots.follows(user, pot.organiser()).map(follows -> new ContributionPrivacy.Viewer(false, follows));
    }

    private static long cents(MoneyBody money) {
        if (money == null || !(money.amount() instanceof String text)) {
            throw ProblemException.badRequest("invalid_amount", "An amount is {\"amount\":\"10.00\",\"currency\":\"EUR\"}, the amount a decimal string.");
        }
        if (money.currency() != null && !"EUR".equals(money.currency())) {
            throw ProblemException.badRequest("unsupported_currency", "Pots are in euros only.");
        }
        try {
            return PotAmounts.cents(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_amount", e.getMessage());
        }
    }

    private static ContributionPrivacy.Visibility visibility(String text) {
        if (text == null) {
            return ContributionPrivacy.Visibility.PUBLIC;
        }
        try {
            return ContributionPrivacy.Visibility.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_visibility", "contributionVisibility is PUBLIC, FOLLOWERS or ORGANISER.");
        }
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid_end", "endsAt is an ISO-8601 instant, e.g. 2026-12-24T18:00:00Z.");
        }
    }

    private static UserId user(Jwt jwt) {
        var scope = jwt.getClaimAsString("scope");
        if (scope == null || !java.util.List.of(scope.split(" ")).contains("user")) {
            throw ProblemException.forbidden("forbidden", "This needs a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }
}
