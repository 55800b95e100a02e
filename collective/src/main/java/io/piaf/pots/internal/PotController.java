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

import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.payments.Ledger;
import io.piaf.payments.Money;
import io.piaf.payments.PaymentSource;
import io.piaf.pots.PotId;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.piaf.pots.internal.domain.PotAmounts;
import io.piaf.pots.internal.domain.Slugs;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The pots API (docs/api.md, "Pots"). A pot is addressed by its id or its slug. */
@RestController
class PotController {

    record MoneyBody(Object amount, String currency) {
    }

    record NewPotBody(String title, String description, MoneyBody target, String endsAt, String contributionVisibility, String slug) {
    }

    record ContributionBody(MoneyBody amount, Boolean anonymous, Boolean hideAmount, String note) {
    }

    record WithdrawalBody(MoneyBody amount) {
    }

    private final PotService service;
    private final PotStore pots;
    private final Ledger ledger;
    private final PotIdempotency idempotency;
    private final JsonMapper json;

    PotController(PotService service, PotStore pots, Ledger ledger, PotIdempotency idempotency, JsonMapper json) {
        this.service = service;
        this.pots = pots;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/pots", consumes = MediaType.APPLICATION_JSON_VALUE)
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
    Mono<java.util.List<PotViews.Pot>> mine(@AuthenticationPrincipal Jwt jwt) {
        var user = user(jwt);
        return pots.byOrganiser(user, 50).map(p -> PotViews.statusOnly(p, user)).collectList();
    }

    @GetMapping("/api/pots/{ref}")
    Mono<PotViews.Pot> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref) {
        var user = user(jwt);
        return find(ref).flatMap(pot -> !pot.organiser().equals(user) ? Mono.just(PotViews.of(pot, user, null))
                : ledger.balance(pot.account()).map(Money::minorUnits).defaultIfEmpty(0L).map(balance -> PotViews.of(pot, user, balance)));
    }

    @GetMapping("/api/pots/{ref}/contributions")
    Mono<PotViews.Page> contributions(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref,
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
    Mono<ResponseEntity<String>> contribute(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref,
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
            return find(ref).flatMap(pot -> idempotency.execute(user, key,
                    String.join("|", "contribution", pot.id().toString(), Long.toString(cents), Boolean.toString(anonymous),
                            Boolean.toString(hideAmount), String.valueOf(note)),
                    store -> service.contribute(new PotService.NewContribution(user, pot.id(), cents, anonymous, hideAmount, note,
                                    PaymentSource.API, null))
                            .map(c -> json.writeValueAsString(PotViews.created(c)))
                            .flatMap(view -> store.apply(view).thenReturn(view))));
        }).map(r -> ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(r.body()));
    }

    @PostMapping(path = "/api/pots/{ref}/withdrawals")
    Mono<ResponseEntity<String>> withdraw(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody(required = false) WithdrawalBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            var amount = body == null || body.amount() == null ? null : cents(body.amount());
            return find(ref).filter(p -> p.organiser().equals(user)).switchIfEmpty(Mono.error(PotService::notFound))
                    .flatMap(pot -> idempotency.execute(user, key, "withdrawal|" + pot.id() + "|" + amount,
                            store -> service.withdraw(user, pot.id(), amount)
                                    .map(w -> json.writeValueAsString(new PotViews.WithdrawalView(w.id().toString(), pot.id().toString(),
                                            PotViews.MoneyView.of(w.amount()), w.transfer().toString())))
                                    .flatMap(view -> store.apply(view).thenReturn(view))));
        }).map(r -> ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(r.body()));
    }

    @PostMapping("/api/pots/{ref}/close")
    Mono<PotViews.Pot> close(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref) {
        var user = user(jwt);
        return find(ref).flatMap(pot -> service.close(user, pot.id())).map(pot -> PotViews.statusOnly(pot, user));
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
