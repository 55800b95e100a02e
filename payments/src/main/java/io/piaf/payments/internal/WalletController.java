package io.piaf.payments.internal;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.common.ApiFormats;
import io.piaf.common.ProblemResponse;
import io.piaf.identity.Identity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Wallet")
class WalletController {

    private final WalletService wallets;
    private final WalletStore store;
    private final Identity identity;
    private final PaymentsProperties properties;
    private final LedgerStore ledgerStore;

    WalletController(WalletService wallets, WalletStore store, Identity identity, PaymentsProperties properties,
            LedgerStore ledgerStore) {
        this.wallets = wallets;
        this.ledgerStore = ledgerStore;
        this.store = store;
        this.identity = identity;
        this.properties = properties;
    }

    @GetMapping("/api/wallet")
    @Operation(summary = "Get your wallet: balance and limits")
    @ProblemResponse(status = 403, codes = "forbidden")
    Mono<WalletService.WalletView> wallet(@AuthenticationPrincipal Jwt jwt) {
        return wallets.view(Callers.user(jwt));
    }

    @GetMapping("/api/wallet/transactions")
    @Operation(summary = "List your wallet's statement, newest first")
    @ProblemResponse(status = 403, codes = "forbidden")
    Mono<WalletService.Page> transactions(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return wallets.statement(Callers.user(jwt), limit, cursor);
    }

    @Schema(description = "Money held on the wallet for a card purchase not cleared yet")
    record Hold(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid", description = "The card authorization's id") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "What is still held") MoneyJson amount,
            @Schema(pattern = ApiFormats.LINE, maxLength = 400, example = "Card ·· 4242 · Corner Shop") String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    @Schema(description = "The wallet's active holds: balance less available")
    record Holds(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "The sum of the holds listed") MoneyJson total,
            @ArraySchema(maxItems = HOLDS_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED,
                    description = "The newest 100 active holds at most")) List<Hold> items) {
    }

    private static final int HOLDS_MAX = 100;

    /** The wallet's active holds (card authorizations not cleared yet), newest first: what balance - available is. */
    @GetMapping("/api/wallet/holds")
    @Operation(summary = "List the wallet's card purchases held and not cleared yet, newest first")
    @ProblemResponse(status = 403, codes = "forbidden")
    Mono<Holds> holds(@AuthenticationPrincipal Jwt jwt) {
        return wallets.wallet(Callers.user(jwt))
                .flatMapMany(w -> ledgerStore.activeHolds(w.account(), HOLDS_MAX))
                .collectList()
                .map(holds -> new Holds(MoneyJson.of(holds.stream().mapToLong(LedgerStore.ActiveHold::remaining).sum()),
                        holds.stream().map(h -> new Hold(h.id().toString(), MoneyJson.of(h.remaining()), h.memo(),
                                h.at().toString())).toList()));
    }

    record Charity(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX) String handle,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = ApiFormats.LINE, maxLength = 50) String displayName) {
    }

    record Charities(@ArraySchema(maxItems = 1000, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Charity> items) {
    }

    /**
     * Verified charities: the charity wallets payments opened from identity's {@code UserRegistered}, confirmed
     * with identity now (kind and current display name).
     */
    @GetMapping("/api/charities")
    @Operation(summary = "List the verified charities you can donate to", description = "By handle; not paginated.")
    Mono<Charities> charities() {
        return store.charities(properties.zone()).collectList()
                .flatMap(rows -> identity.findAll(rows.stream().map(WalletRow::userId).toList())
                        .map(users -> rows.stream()
                                .map(r -> users.get(r.userId()))
                                .filter(u -> u != null && u.kind() == io.piaf.identity.AccountKind.CHARITY)
                                .map(u -> new Charity(u.handle(), u.displayName()))
                                .toList()))
                .map(Charities::new);
    }
}
