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
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.common.Slugs;
import io.piaf.idempotency.IdempotentRequests;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The campaigns API (docs/api.md, "Campaigns"). A campaign is addressed by its id or its slug. */
@RestController
@Tag(name = "Campaigns")
class CampaignController {

    static final String REF = "The campaign's id or its slug (any case)";
    static final String MONEY_INPUT = "#/components/schemas/MoneyInput";
    static final String REPLAYED = "Idempotent-Replayed";

    /** Read as payments' money ({@code MoneyInput} in the description); the amount stays an Object to refuse JSON numbers. */
    @Schema(name = "CampaignMoneyInput")
    record MoneyBody(Object amount, String currency) {
    }

    @Schema(name = "CampaignRewardRequest")
    record RewardBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 80) String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY_INPUT, description = "The least pledge that takes this reward")
            MoneyBody minimum,
            @Schema(minimum = "1", maximum = "2147483647", description = "Units offered; absent: unlimited") Integer quantity) {
    }

    @Schema(name = "CampaignRequest")
    record NewCampaignBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 80, example = "Cuvée 2027") String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, minLength = 1, maxLength = 2000) String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY_INPUT, description = "Pledged at the deadline or more: it succeeds")
            MoneyBody goal,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time", maxLength = 40,
                    description = "At least the configured minimum duration (default 1 minute) and at most a year ahead") String deadline,
            @ArraySchema(maxItems = 20, schema = @Schema(implementation = RewardBody.class)) List<RewardBody> rewards) {
    }

    @Schema(name = "PledgeRequest")
    record PledgeBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, ref = MONEY_INPUT) MoneyBody amount,
            @Schema(format = "uuid", maxLength = 36, description = "A reward tier of this campaign") String rewardId) {
    }

    private final CampaignService service;
    private final CampaignStore campaigns;
    private final IdempotentRequests idempotency;
    private final JsonMapper json;

    @Schema(name = "CampaignUpdate", description = "A public post of the creator naming the campaign's address")
    record UpdateView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String postId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.TEXT, maxLength = 1000) String text,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String postedAt) {
    }

    @Schema(name = "CampaignUpdates")
    record UpdatesView(@ArraySchema(maxItems = 20, schema = @Schema(implementation = UpdateView.class)) List<UpdateView> items) {
    }

    private final CampaignUpdates updates;

    CampaignController(CampaignService service, CampaignStore campaigns, IdempotentRequests idempotency, JsonMapper json,
            CampaignUpdates updates) {
        this.updates = updates;
        this.service = service;
        this.campaigns = campaigns;
        this.idempotency = idempotency;
        this.json = json;
    }

    @PostMapping(path = "/api/campaigns", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Launch a crowdfunding campaign",
            description = "All or nothing: at the deadline, pledged ≥ goal moves the escrow to you less the platform's fee; otherwise "
                    + "every pledge is refunded. A public campaign_launched item announces it in your timeline.",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = CampaignViews.Campaign.class))))
    @ProblemResponse(status = 400, codes = { "invalid_title", "invalid_description", "invalid_amount", "unsupported_currency",
            "invalid_deadline", "invalid_rewards" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "slug_taken", description = "No free address could be made from the title.")
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
    @Operation(summary = "List your own campaigns, newest first", description = "At most 50.",
            responses = @ApiResponse(responseCode = "200", description = "Your campaigns",
                    content = @Content(array = @ArraySchema(maxItems = 50, schema = @Schema(implementation = CampaignViews.Campaign.class)))))
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<List<CampaignViews.Campaign>> mine(@AuthenticationPrincipal Jwt jwt) {
        return campaigns.byCreator(user(jwt)).map(CampaignViews::of).collectList();
    }

    @GetMapping("/api/campaigns/{ref}")
    @Operation(summary = "Get a campaign by its id or slug", description = "Any user may read a campaign: totals, never who pledged what.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "campaign_not_found")
    Mono<CampaignViews.Campaign> get(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = CampaignViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref) {
        user(jwt);
        return find(ref).map(CampaignViews::of);
    }

    @GetMapping("/api/campaigns/{ref}/updates")
    @Operation(summary = "Read a campaign's updates, newest first",
            description = "The creator's public posts that name the campaign's address (`@campagne/<slug>` or `@campaign/<slug>`), the "
                    + "last 20; backers are notified of each (`campaign_update`). A deleted post leaves the list.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "campaign_not_found")
    Mono<UpdatesView> updates(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = CampaignViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref) {
        user(jwt);
        return find(ref).flatMap(campaign -> updates.of(campaign.id(), 20)).map(list -> new UpdatesView(list.stream()
                .map(u -> new UpdateView(u.postId().toString(), u.text(), u.postedAt().toString())).toList()));
    }

    /**
     * Live progress: the total, backers, status and tiers' remaining units, sent at once and then whenever they
     * change. Read from the database every second, so a change made on any instance shows.
     */
    @GetMapping(path = "/api/campaigns/{ref}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a campaign's progress live (server-sent events)",
            description = """
                    Each change as `event: progress`, `id: <pledged amount>/<backers>`, `data: <a CampaignProgress>`: the current \
                    progress at once, then one whenever the total, backers, status or rewards left change (read every second, \
                    so changes made on any instance show). It does not end by itself: close it when done.""",
            responses = @ApiResponse(responseCode = "200", description = "An event stream whose events' data are progress",
                    content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = CampaignViews.Progress.class))))
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "campaign_not_found")
    Flux<ServerSentEvent<CampaignViews.Progress>> stream(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = CampaignViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref) {
        user(jwt);
        return find(ref).flatMapMany(first -> Flux.interval(Duration.ofSeconds(1))
                .concatMap(tick -> campaigns.find(first.id()), 1)
                .startWith(first)
                .map(CampaignViews::progress)
                .distinctUntilChanged()
                .map(p -> ServerSentEvent.builder(p).event("progress").id(p.pledged().amount() + "/" + p.backers()).build()));
    }

    @PostMapping(path = "/api/campaigns/{ref}/pledges", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pledge to a campaign: the payment waits for your PIN",
            description = "Confirm it with POST /api/payments/{paymentId}/confirm within 15 minutes, like any payment (same caps and "
                    + "codes); the money waits in the campaign's escrow until the deadline. A reward's unit is taken now and freed if "
                    + "the payment is cancelled or expires. Idempotency-Key: the same key and request answer the stored response again "
                    + "(Idempotent-Replayed: true).",
            responses = @ApiResponse(responseCode = "201", description = "Created", headers = @Header(
                    name = REPLAYED, description = "true when this is the stored answer to an earlier request with the same key",
                    schema = @Schema(types = "string", allowableValues = "true")),
                    content = @Content(schema = @Schema(implementation = CampaignViews.Pledged.class))))
    @ProblemResponse(status = 400, codes = { "invalid_amount", "unsupported_currency", "invalid_idempotency_key" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = { "campaign_not_found", "reward_not_found" })
    @ProblemResponse(status = 409, codes = { "campaign_closed", "sold_out" })
    @ProblemResponse(status = 422, codes = { "below_reward_minimum", "self_payment", "pin_not_set", "limit_exceeded", "payee_not_found",
            "idempotency_key_reused" }, description = "self_payment: your own campaign; limit_exceeded carries `limit` and `limitType`.")
    Mono<ResponseEntity<String>> pledge(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = CampaignViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody PledgeBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null) {
                throw ProblemException.badRequest("invalid_amount", "A pledge has an amount.");
            }
            var cents = cents(body.amount());
            var reward = body.rewardId() == null ? null : uuid(body.rewardId(), "reward_not_found");
            return find(ref).flatMap(c -> idempotency.created(user.value(), key,
                    idempotency.fingerprint("pledge", c.id().toString(), Long.toString(cents), String.valueOf(reward)),
                    service.pledge(user, c.id(), cents, reward).map(p -> json.writeValueAsString(CampaignViews.pledged(p, body.rewardId())))));
        }).map(CampaignController::created);
    }

    @DeleteMapping("/api/campaigns/{ref}/pledges/{pledgeId}")
    @Operation(summary = "Cancel your confirmed pledge before the deadline: it is refunded at once",
            description = "Its reward unit is freed. A pledge still waiting for its PIN is cancelled through its payment instead "
                    + "(POST /api/payments/{paymentId}/cancel).")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = { "campaign_not_found", "pledge_not_found" }, description = "Also someone else's pledge.")
    @ProblemResponse(status = 409, codes = { "campaign_closed", "pledge_pending", "pledge_not_active" })
    Mono<CampaignViews.Cancelled> cancel(@AuthenticationPrincipal Jwt jwt, @Parameter(description = REF, schema = @Schema(pattern = CampaignViews.SLUG_OR_ID, maxLength = 40)) @PathVariable String ref, @Parameter(description = "The pledge's id", schema = @Schema(format = "uuid", maxLength = 36)) @PathVariable String pledgeId) {
        var user = user(jwt);
        return Mono.defer(() -> {
            var pledge = new PledgeId(uuid(pledgeId, "pledge_not_found"));
            return find(ref).flatMap(c -> service.cancel(user, c.id(), pledge));
        }).map(p -> new CampaignViews.Cancelled(p.id().toString(), "CANCELLED", CampaignViews.MoneyView.of(p.amount())));
    }

    private static ResponseEntity<String> created(IdempotentRequests.Response response) {
        var builder = ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON);
        if (response.replayed()) {
            builder.header(REPLAYED, "true");
        }
        return builder.body(response.body());
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
