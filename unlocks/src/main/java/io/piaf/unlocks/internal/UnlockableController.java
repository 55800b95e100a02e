package io.piaf.unlocks.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.piaf.unlocks.UnlockableId;
import io.piaf.unlocks.internal.domain.ContentLinks;
import io.piaf.unlocks.internal.domain.ItemRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** Pay with a Post (docs/api.md, "Content payments"). */
@RestController
@Tag(name = "Unlocks")
class UnlockableController {

    static final String ID = "The item's id";

    @Schema(name = "UnlockableContentInput", description = "A text, a link, a file uploaded before, or several of them")
    record ContentBody(@Schema(maxLength = ItemRules.CONTENT_TEXT_MAX, pattern = ApiFormats.TEXT) String text,
            @Schema(maxLength = ItemRules.URL_MAX, format = "uri", description = "An http or https link") String url,
            @Schema(format = "uuid", description = "The id of your upload (POST /api/unlockables/files) that no item uses yet") String fileId) {
    }

    @Schema(name = "UnlockableRequest")
    record NewItemBody(
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = ItemRules.TITLE_MAX, pattern = ApiFormats.LINE, example = "Le guide du Marais") String title,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = ItemRules.TEASER_MAX, pattern = ApiFormats.TEXT,
                    description = "What everyone reads before unlocking") String teaser,
            @Schema(requiredMode = RequiredMode.REQUIRED) ContentBody content,
            @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 280, pattern = ApiFormats.TEXT,
                    example = "Le guide du Marais de @lea, génial ! {link} #piaf",
                    description = "The post users publish. {link} (at most once) is replaced by the item's link; without it the link goes at the end") String postTemplate,
            @Schema(description = "Fragments of the template an edited post must keep, exactly; the link is always required")
            @ArraySchema(maxItems = 10, schema = @Schema(maxLength = 100, pattern = ApiFormats.TEXT)) List<String> requiredText,
            @Schema(minimum = "1", maximum = "280", description = "The longest an edited post may be; default 280") Integer maxLength,
            @Schema(ref = UnlockViews.MONEY_INPUT, description = "Also offer the unlock by payment, at this price (at most piaf.unlocks.max-price, 250.00 EUR by default)")
            MoneyBody price) {
    }

    /** An amount as the API takes it: a decimal string and "EUR". */
    record MoneyBody(Object amount, String currency) {
    }

    @Schema(name = "UnlockRequest")
    record UnlockBody(
            @Schema(maxLength = 280, pattern = ApiFormats.TEXT, description = "The post to publish: the template edited within its rules; absent: the template as it is")
            String text,
            @Schema(format = "uuid", description = "The unlock post you came from (another user's post of this item), for the creator's viral chain")
            String via) {
    }

    private final UnlockService service;
    private final UnlockStore store;
    private final ContentLinks links;
    private final UnlocksProperties properties;

    UnlockableController(UnlockService service, UnlockStore store, ContentLinks links, UnlocksProperties properties) {
        this.service = service;
        this.store = store;
        this.links = links;
        this.properties = properties;
    }

    @PostMapping(path = "/api/unlockables", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish an unlockable item: content unlocked by publishing your post",
            responses = @ApiResponse(responseCode = "201", description = "Created",
                    content = @Content(schema = @Schema(implementation = UnlockViews.Item.class))))
    @ProblemResponse(status = 400, codes = { "invalid_body", "invalid_title", "invalid_teaser", "invalid_content", "invalid_content_url",
            "invalid_template", "invalid_required_text", "invalid_max_length", "invalid_price", "unsupported_currency" })
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 422, codes = { "post_too_long", "required_text_not_in_template", "invalid_file" },
            description = "post_too_long: the template with its link is longer than maxLength (carries `maxLength` and `length`); "
                    + "required_text_not_in_template carries `missing`; invalid_file: fileId is none of your unused uploads.")
    Mono<UnlockViews.Item> create(@AuthenticationPrincipal Jwt jwt, @RequestBody NewItemBody body) {
        var user = user(jwt);
        return Mono.defer(() -> {
            if (body == null || body.content() == null) {
                throw ProblemException.badRequest("invalid_body", "An item has a title, a teaser, content and a post template.");
            }
            return service.create(new UnlockService.NewItem(user, body.title(), body.teaser(), body.content().text(), body.content().url(),
                    body.content().fileId(), body.postTemplate(), body.requiredText(), body.maxLength(), price(body.price())));
        }).map(row -> UnlockViews.item(row, service.link(row.id()), true, null, links.sign(row.id().value(), user.value(), Instant.now())));
    }

    @GetMapping("/api/unlockables")
    @Operation(summary = "List the items you created, newest first", description = "At most 50.",
            responses = @ApiResponse(responseCode = "200", description = "Your items",
                    content = @Content(schema = @Schema(implementation = UnlockViews.Items.class))))
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<UnlockViews.Items> mine(@AuthenticationPrincipal Jwt jwt) {
        var user = user(jwt);
        return store.byCreator(user, UnlockViews.LIST_MAX)
                .map(row -> UnlockViews.item(row, service.link(row.id()), true, null, links.sign(row.id().value(), user.value(), Instant.now())))
                .collectList().map(UnlockViews.Items::new);
    }

    @GetMapping("/api/unlockables/{id}")
    @Operation(summary = "Get an item: its teaser and the post to publish; the content if it is yours or you unlocked it")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "unlockable_not_found")
    Mono<UnlockViews.Item> get(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = ID, schema = @Schema(format = "uuid")) @PathVariable String id) {
        var user = user(jwt);
        return find(id).flatMap(row -> {
            var mine = row.creator().equals(user);
            var signed = links.sign(row.id().value(), user.value(), Instant.now());
            return (mine ? Mono.<UnlockRow>empty() : store.active(row.id(), user))
                    .map(unlock -> UnlockViews.item(row, service.link(row.id()), false, unlock, signed))
                    .defaultIfEmpty(UnlockViews.item(row, service.link(row.id()), mine, null, signed));
        });
    }

    @PostMapping(path = "/api/unlockables/{id}/unlock", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Unlock an item by publishing its post",
            description = "Publishes the post (the template, or your edit of it) as a public post of yours, and grants the unlock in "
                    + "the same transaction. Deleting the post within 24 hours revokes the unlock. Limits: accounts younger than "
                    + "piaf.unlocks.minimum-account-age (1 minute by default) and more than piaf.unlocks.per-hour unlocks (10) in an hour are refused.",
            responses = @ApiResponse(responseCode = "201", description = "Unlocked",
                    content = @Content(schema = @Schema(implementation = UnlockViews.Unlocked.class))))
    @ProblemResponse(status = 400, codes = { "empty_text", "invalid_text" }, description = "invalid_text: messaging refuses the text (control characters).")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "unlockable_not_found")
    @ProblemResponse(status = 409, codes = "already_unlocked")
    @ProblemResponse(status = 422, codes = { "required_text_missing", "post_too_long", "invalid_via", "own_unlockable", "account_too_new" },
            description = "required_text_missing carries `missing`; post_too_long `maxLength` and `length`; account_too_new `retryAfter` (seconds).")
    @ProblemResponse(status = 429, codes = "too_many_unlocks", description = "Too many unlocks in the last hour; Retry-After says when the next one is allowed.")
    Mono<UnlockViews.Unlocked> unlock(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = ID, schema = @Schema(format = "uuid")) @PathVariable String id,
            @RequestBody(required = false) UnlockBody body) {
        var user = user(jwt);
        var text = body == null ? null : body.text();
        var via = body == null ? null : body.via();
        return Mono.defer(() -> service.unlock(user, parse(id), text, via)).map(UnlockViews.Unlocked::of);
    }

    @GetMapping("/api/unlockables/{id}/stats")
    @Operation(summary = "Your item's unlocks, reach, conversion and viral chain", description = "Creator only.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "unlockable_not_found", description = "Also someone else's item.")
    Mono<UnlockViews.Stats> stats(@AuthenticationPrincipal Jwt jwt,
            @Parameter(description = ID, schema = @Schema(format = "uuid")) @PathVariable String id) {
        var user = user(jwt);
        return find(id).filter(row -> row.creator().equals(user)).switchIfEmpty(Mono.error(UnlockService::notFound))
                .flatMap(row -> store.chain(row.id()).collectList())
                .map(chain -> {
                    var stats = io.piaf.unlocks.internal.domain.UnlockStats.of(chain.stream().filter(u -> !u.paid()).map(UnlockRow::audience).toList(),
                            chain.stream().filter(UnlockRow::paid).map(UnlockRow::amount).toList());
                    return new UnlockViews.Stats(stats.unlocks(), stats.byPost(), stats.paid(), UnlockViews.MoneyView.of(stats.revenue()),
                            stats.reach(), stats.conversion(), chain.stream()
                            .map(u -> new UnlockViews.ChainLink(u.userHandle(), u.viaHandle(), u.post() == null ? null : u.post().toString(),
                                    u.audience(), u.createdAt(), u.kind()))
                            .toList());
                });
    }

    @GetMapping("/api/unlockables/{id}/content")
    @SecurityRequirements
    @Operation(summary = "Open an item's content with a signed link",
            description = "The link (contentUrl) is the credential: no token. It opens until it expires, and only while its unlock holds.")
    @ProblemResponse(status = 403, codes = "invalid_signature", description = "The link was not made by Piaf, or was changed.")
    @ProblemResponse(status = 404, codes = "unlockable_not_found")
    @ProblemResponse(status = 410, codes = { "link_expired", "unlock_revoked" },
            description = "link_expired: ask for the item again for a fresh link; unlock_revoked: the unlock post was deleted.")
    Mono<ResponseEntity<UnlockViews.Opened>> content(
            @Parameter(description = ID, schema = @Schema(format = "uuid")) @PathVariable String id,
            @Parameter(description = "The unlocker", schema = @Schema(format = "uuid")) @RequestParam(required = false) String u,
            @Parameter(description = "Unix seconds", schema = @Schema(pattern = "^[0-9]{1,19}$", maxLength = 19)) @RequestParam(required = false) String expires,
            @Parameter(description = "The signature", schema = @Schema(pattern = "^[A-Za-z0-9_-]{1,64}$", maxLength = 64)) @RequestParam(required = false) String sig,
            ServerHttpRequest request) {
        return Mono.defer(() -> service.open(parse(id), u, expires, sig)).map(row -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new UnlockViews.Opened(row.id().toString(), row.title(), row.contentText(), row.contentUrl(),
                        UnlockViews.FileView.of(row.file(), UnlockViews.fileUrl(request.getURI().getRawPath() + "?" + request.getURI().getRawQuery())))));
    }

    private Long price(MoneyBody price) {
        if (price == null) {
            return null;
        }
        return switch (io.piaf.unlocks.internal.domain.Price.parse(price.amount(), price.currency(), properties.maxPriceCents())) {
            case io.piaf.unlocks.internal.domain.Price.Cents c -> c.value();
            case io.piaf.unlocks.internal.domain.Price.Refused r -> throw UnlockService.problem(r.refusal());
        };
    }

    private Mono<UnlockableRow> find(String id) {
        return Mono.defer(() -> service.find(parse(id)));
    }

    static UnlockableId parse(String id) {
        try {
            return new UnlockableId(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw UnlockService.notFound();
        }
    }

    static UserId user(Jwt jwt) {
        var scope = jwt.getClaimAsString("scope");
        if (scope == null || !List.of(scope.split(" ")).contains("user")) {
            throw ProblemException.forbidden("forbidden", "This needs a user's token.");
        }
        return UserId.fromSubject(jwt.getSubject());
    }
}
