package io.piaf.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.campaigns.CampaignId;
import io.piaf.campaigns.PledgeId;
import io.piaf.campaigns.internal.domain.CampaignRules;
import io.piaf.campaigns.internal.domain.Slugs;
import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The campaigns API (docs/api.md, "Campaigns"). A campaign is addressed by its id or its slug. */
@RestController
class CampaignController {

    record MoneyBody(Object amount, String currency) {
    }

    record RewardBody(String title, MoneyBody minimum, Integer quantity) {
    }

    record NewCampaignBody(String title, String description, MoneyBody goal, String deadline, List<RewardBody> rewards) {
    }

    record PledgeBody(MoneyBody amount, String rewardId) {
    }

    private final CampaignService service;
    private final CampaignStore campaigns;
    private final CampaignIdempotency idempotency;
    private final JsonMapper json;

    CampaignController(CampaignService service, CampaignStore campaigns, CampaignIdempotency idempotency, JsonMapper json) {
        this.service = service;
        this.campaigns = campaigns;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CampaignViews.Campaign>> launch(@AuthenticationPrincipal Jwt jwt, @RequestBody NewCampaignBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_title", "A campaign has a title.");
            }
            var tiers = new ArrayList<CampaignRules.Tier>();
            for (var r : body.rewards() == null ? List.<RewardBody>of() : body.rewards()) {
                if (r == null) {
                    throw ProblemException.badRequest("invalid_rewards", "A reward has a title and a minimum.");
                }
                tiers.add(new CampaignRules.Tier(r.title(), cents(r.minimum()), r.quantity()));
            }
            return service.launch(new CampaignService.NewCampaign(user, body.title(), body.description(), cents(body.goal()),
                    instant(body.deadline()), tiers));
        }).map(c -> ResponseEntity.status(HttpStatus.CREATED).body(CampaignViews.of(c)));
    }

    @GetMapping("/api/campaigns")
    Mono<List<CampaignViews.Campaign>> mine(@AuthenticationPrincipal Jwt jwt) {
        return campaigns.byCreator(user(jwt)).map(CampaignViews::of).collectList();
    }

    @GetMapping("/api/campaigns/{ref}")
    Mono<CampaignViews.Campaign> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref) {
        user(jwt);
        return find(ref).map(CampaignViews::of);
    }

    /**
     * Live progress: the total, backers, status and tiers' remaining units, sent at once and then whenever they
     * change. Read from the database every second, so a change made on any instance shows.
     */
    @GetMapping(path = "/api/campaigns/{ref}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<CampaignViews.Progress>> stream(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref) {
        user(jwt);
        return find(ref).flatMapMany(first -> Flux.interval(Duration.ofSeconds(1))
                .concatMap(tick -> campaigns.find(first.id()), 1)
                .startWith(first)
                .map(CampaignViews::progress)
                .distinctUntilChanged()
                .map(p -> ServerSentEvent.builder(p).event("progress").id(p.pledged().amount() + "/" + p.backers()).build()));
    }

    @PostMapping(path = "/api/campaigns/{ref}/pledges", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> pledge(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody PledgeBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_amount", "A pledge has an amount.");
            }
            var cents = cents(body.amount());
            var reward = body.rewardId() == null ? null : uuid(body.rewardId(), "reward_not_found");
            return find(ref).flatMap(c -> idempotency.execute(user, key, "pledge|" + c.id() + "|" + cents + "|" + reward,
                    store -> service.pledge(user, c.id(), cents, reward)
                            .map(p -> json.writeValueAsString(CampaignViews.pledged(p, body.rewardId())))
                            .flatMap(view -> store.apply(view).thenReturn(view))));
        }).map(r -> ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(r.body()));
    }

    @DeleteMapping("/api/campaigns/{ref}/pledges/{pledgeId}")
    Mono<CampaignViews.Cancelled> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String ref, @PathVariable String pledgeId) {
        var user = user(jwt);
        return Mono.defer(() -> {
            var pledge = new PledgeId(uuid(pledgeId, "pledge_not_found"));
            return find(ref).flatMap(c -> service.cancel(user, c.id(), pledge));
        }).map(p -> new CampaignViews.Cancelled(p.id().toString(), "CANCELLED", CampaignViews.MoneyView.of(p.amount())));
    }

    private Mono<CampaignRow> find(String ref) {
        Mono<CampaignRow> campaign;
        try {
            campaign = campaigns.find(new CampaignId(UUID.fromString(ref)));
        } catch (IllegalArgumentException notAnId) {
            var slug = ref.toLowerCase(Locale.ROOT);
            campaign = Slugs.isValid(slug) ? campaigns.findBySlug(slug) : Mono.empty();
        }
        return campaign.switchIfEmpty(Mono.error(CampaignService::notFound));
    }

    private static UUID uuid(String text, String code) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(code, "No such " + code.replace("_not_found", "") + ".");
        }
    }

    private static long cents(MoneyBody money) {
        if (money == null || !(money.amount() instanceof String text)
                || !text.strip().matches("[0-9]{1,12}(?:[.,][0-9]{1,2})?")) {
            throw ProblemException.badRequest("invalid_amount", "An amount is {\"amount\":\"10.00\",\"currency\":\"EUR\"}, the amount a decimal string with at most 2 decimals.");
        }
        if (money.currency() != null && !"EUR".equals(money.currency())) {
            throw ProblemException.badRequest("unsupported_currency", "Campaigns are in euros only.");
        }
        var cents = new java.math.BigDecimal(text.strip().replace(',', '.')).movePointRight(2).longValueExact();
        if (cents <= 0 || cents > 100_000_000L) {
            throw ProblemException.badRequest("invalid_amount", "An amount is greater than zero and at most 1000000.00 EUR.");
        }
        return cents;
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("invalid_deadline", "A campaign has a deadline, an ISO-8601 instant.");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid_deadline", "The deadline is an ISO-8601 instant, e.g. 2026-12-24T18:00:00Z.");
        }
    }

    private static UserId user(Jwt jwt) {
        var scope = jwt.getClaimAsString("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("user")) {
            throw ProblemException.forbidden("forbidden", "This needs a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }
}
