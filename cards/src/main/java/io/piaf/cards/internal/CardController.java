package io.piaf.cards.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.cards.internal.CardViews.CardList;
import io.piaf.cards.internal.CardViews.CardView;
import io.piaf.cards.internal.CardViews.Revealed;
import io.piaf.cards.internal.CardViews.TransactionPage;
import io.piaf.cards.internal.domain.CardStatus;
import io.piaf.cards.internal.domain.NetworkAmount;
import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemException;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.UserId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Cards")
class CardController {

    private final CardService cards;

    CardController(CardService cards) {
        this.cards = cards;
    }

    @Schema(name = "CardIssueRequest")
    record IssueRequest(@Schema(allowableValues = { "VIRTUAL", "SINGLE_USE" }, defaultValue = "VIRTUAL") String type) {
    }

    @PostMapping(path = "/api/cards", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a virtual or single-use debit card on your wallet",
            description = "Luhn-valid 16-digit number from Piaf's test BIN, valid 3 years. 409 `too_many_cards` past 10 open cards.")
    @ProblemResponse(status = 400, codes = "invalid_card_type")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 409, codes = "too_many_cards")
    Mono<CardView> issue(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) IssueRequest body) {
        return cards.issue(user(jwt), body == null ? null : body.type());
    }

    @GetMapping("/api/cards")
    @Operation(summary = "List your cards, newest first (masked: BIN and last four)")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    Mono<CardList> list(@AuthenticationPrincipal Jwt jwt) {
        return cards.list(user(jwt)).map(CardList::new);
    }

    @GetMapping("/api/cards/{id}")
    @Operation(summary = "Get one of your cards (masked)")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    Mono<CardView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return cards.get(user(jwt), cardId(id));
    }

    @Schema(name = "CardRevealRequest")
    record RevealRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = ApiFormats.PIN, maxLength = 6, format = "password")
            String pin) {

        @Override
        public String toString() {
            return "RevealRequest[pin=****]";
        }
    }

    @PostMapping(path = "/api/cards/{id}/reveal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reveal the full card number and CVC after your PIN",
            description = "Shown for 60 seconds (`visibleUntil`); never cached (`Cache-Control: no-store`); every try is audited. "
                    + "Wrong PIN 422 `invalid_pin` with `attemptsLeft`, then 423 `pin_locked` — the same lockout as payments.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    @ProblemResponse(status = 409, codes = "card_cancelled")
    @ProblemResponse(status = 400, codes = "invalid_pin_format")
    @ProblemResponse(status = 422, codes = { "invalid_pin", "pin_not_set" }, description = "invalid_pin carries `attemptsLeft`.")
    @ProblemResponse(status = 423, codes = "pin_locked")
    Mono<ResponseEntity<Revealed>> reveal(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody RevealRequest body) {
        return cards.reveal(user(jwt), cardId(id), body == null ? null : body.pin())
                .map(r -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(r));
    }

    @PostMapping("/api/cards/{id}/freeze")
    @Operation(summary = "Freeze a card: every authorization is declined (`card_frozen`) until you unfreeze it")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    @ProblemResponse(status = 409, codes = "card_cancelled")
    Mono<CardView> freeze(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return cards.change(user(jwt), cardId(id), CardStatus.Action.FREEZE);
    }

    @PostMapping("/api/cards/{id}/unfreeze")
    @Operation(summary = "Unfreeze a card")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    @ProblemResponse(status = 409, codes = "card_cancelled")
    Mono<CardView> unfreeze(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return cards.change(user(jwt), cardId(id), CardStatus.Action.UNFREEZE);
    }

    @PostMapping("/api/cards/{id}/cancel")
    @Operation(summary = "Cancel a card for good", description = "Purchases already approved still clear. 409 `card_cancelled` when it already is.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    @ProblemResponse(status = 409, codes = "card_cancelled")
    Mono<CardView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return cards.change(user(jwt), cardId(id), CardStatus.Action.CANCEL);
    }

    /** A limit as a client writes it: at most 10000.00 EUR (CardService checks the range and says which field is out). */
    @Schema(name = "CardLimitInput", description = "A card limit: a decimal string, at most two decimals, in euros")
    record MoneyIn(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, types = "string", pattern = "^[0-9]{1,12}(\\.[0-9]{1,2})?$", maxLength = 15,
                    example = "250.00") Object amount,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "EUR") String currency) {
    }

    @Schema(name = "CardControlsRequest")
    record ControlsRequest(MoneyIn perTransaction, MoneyIn daily,
            @ArraySchema(maxItems = 50, schema = @Schema(pattern = CardViews.MCC, maxLength = 4)) List<String> blockedMcc,
            Boolean online, Boolean contactless,
            @ArraySchema(maxItems = 50, schema = @Schema(pattern = CardViews.COUNTRY, maxLength = 2)) List<String> blockedCountries) {
    }

    @PutMapping(path = "/api/cards/{id}/controls", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a card's limits and controls; what is left out stays",
            description = "Limits 0.01–10000.00 EUR, per transaction ≤ daily; merchant category codes are four digits, countries ISO alpha-2.")
    @ProblemResponse(status = 400, codes = { "invalid_controls", "invalid_amount" }, description = "invalid_controls carries `field`.")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    @ProblemResponse(status = 409, codes = "card_cancelled")
    Mono<CardView> controls(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody ControlsRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("invalid_controls", "Send the controls to change.");
        }
        return cards.controls(user(jwt), cardId(id), new CardService.ControlsChange(cents(body.perTransaction(), "perTransaction"),
                cents(body.daily(), "daily"), body.blockedMcc(), body.online(), body.contactless(), body.blockedCountries()));
    }

    @GetMapping("/api/cards/{id}/transactions")
    @Operation(summary = "List a card's purchases, newest first: pending (held), cleared, reversed, declined (with the reason), refunded")
    @ProblemResponse(status = 403, codes = "forbidden", description = "The token is not a user's.")
    @ProblemResponse(status = 404, codes = "card_not_found")
    Mono<TransactionPage> transactions(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return cards.transactions(user(jwt), cardId(id), limit, cursor);
    }

    private static Long cents(MoneyIn money, String field) {
        if (money == null) {
            return null;
        }
        var cents = NetworkAmount.cents(money.amount());
        if (cents == null || !"EUR".equals(money.currency())) {
            throw ProblemException.badRequest("invalid_amount", field + " is {\"amount\":\"12.50\",\"currency\":\"EUR\"}.");
        }
        return cents;
    }

    private static UUID cardId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("card_not_found", "No such card.");
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
