package io.piaf.payments.internal;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.piaf.identity.Identity;
import reactor.core.publisher.Mono;

@RestController
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
    Mono<WalletService.WalletView> wallet(@AuthenticationPrincipal Jwt jwt) {
        return wallets.view(Callers.user(jwt));
    }

    @GetMapping("/api/wallet/transactions")
    Mono<WalletService.Page> transactions(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return wallets.statement(Callers.user(jwt), limit, cursor);
    }

    record Hold(String id, MoneyJson amount, String description, String createdAt) {
    }

    record Holds(MoneyJson total, List<Hold> items) {
    }

    /** The wallet's active holds (card authorizations not cleared yet), newest first: what balance - available is. */
    @GetMapping("/api/wallet/holds")
    Mono<Holds> holds(@AuthenticationPrincipal Jwt jwt) {
        return wallets.wallet(Callers.user(jwt))
                .flatMapMany(w -> ledgerStore.activeHolds(w.account(), 100))
                .collectList()
                .map(holds -> new Holds(MoneyJson.of(holds.stream().mapToLong(LedgerStore.ActiveHold::remaining).sum()),
                        holds.stream().map(h -> new Hold(h.id().toString(), MoneyJson.of(h.remaining()), h.memo(),
                                h.at().toString())).toList()));
    }

    record Charity(String handle, String displayName) {
    }

    record Charities(List<Charity> items) {
    }

    /**
     * Verified charities: the charity wallets payments opened from identity's {@code UserRegistered}, confirmed
     * with identity now (kind and current display name).
     */
    @GetMapping("/api/charities")
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
