package io.piaf.payments.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.piaf.common.ApiFormats;
import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.payments.Payments;
import io.piaf.payments.WalletId;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Wallets: opened for each registered user, read with their limits, and their statements. */
@Service
class WalletService implements Payments {

    private final WalletStore wallets;
    private final Identity identity;
    private final PaymentsProperties properties;

    WalletService(WalletStore wallets, Identity identity, PaymentsProperties properties) {
        this.wallets = wallets;
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public Mono<WalletId> wallet(UserId user) {
        return walletOf(user).map(WalletRow::id);
    }

    @Override
    public Mono<Map<UserId, WalletId>> wallets(Collection<UserId> users) {
        var distinct = List.copyOf(new LinkedHashSet<>(users));
        if (distinct.isEmpty()) {
            return Mono.just(Map.of());
        }
        return wallets.idsByUsers(distinct).flatMap(found -> {
            var missing = distinct.stream().filter(u -> !found.containsKey(u)).toList();
            if (missing.isEmpty()) {
                return Mono.just(found);
            }
            return identity.findAll(missing)
                    .flatMap(known -> wallets.openAll(known.values()))
                    .then(wallets.idsByUsers(missing))
                    .map(opened -> {
                        var all = new HashMap<>(found);
                        all.putAll(opened);
                        return all;
                    });
        });
    }

    /**
     * The user's wallet, opened now when {@code UserRegistered} has not reached payments yet (the listener then
     * finds it open). Empty for an unknown user.
     */
    Mono<WalletRow> walletOf(UserId user) {
        return wallets.findByUser(user, properties.zone())
                .switchIfEmpty(Mono.defer(() -> identity.find(user)
                        .flatMap(u -> wallets.open(u.id(), u.handle(), u.displayName(), u.kind()))
                        .then(wallets.findByUser(user, properties.zone()))));
    }

    /** The wallets of these users, read together; a wallet not opened yet is opened now. */
    Mono<Map<UserId, WalletRow>> walletsOf(List<UserId> users) {
        return wallets.findByUsers(users, properties.zone())
                .collectMap(WalletRow::userId)
                .flatMap(found -> Flux.fromIterable(users).filter(u -> !found.containsKey(u))
                        .concatMap(this::walletOf)
                        .collectMap(WalletRow::userId, w -> w, () -> new HashMap<>(found)));
    }

    @Schema(name = "Wallet")
    record WalletView(
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String id,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson balance,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "balance minus the card purchases held on it") MoneyJson available,
            @Schema(requiredMode = RequiredMode.REQUIRED) Limits limits) {
    }

    @Schema(description = "What the wallet may send; the day is a Europe/Paris calendar day")
    record Limits(
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson perPaymentToPerson,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson perPaymentToCharity,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson daily,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson sentToday,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson remainingToday,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson maxTopUp) {
    }

    Mono<WalletView> view(UserId user) {
        var limits = properties.limits();
        return existing(user).map(w -> new WalletView(w.id().toString(), MoneyJson.of(w.balance()), MoneyJson.of(w.available()), new Limits(
                MoneyJson.of(limits.perPaymentToPerson()), MoneyJson.of(limits.perPaymentToCharity()),
                MoneyJson.of(limits.daily()), MoneyJson.of(w.sentSoFarToday()),
                MoneyJson.of(limits.remainingToday(w.sentSoFarToday())), MoneyJson.of(properties.maxTopUpCents()))));
    }

    @Schema(description = "A line of the wallet's statement")
    record Transaction(
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[1-9][0-9]{0,18}$", maxLength = 19) String id,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "uuid") String transferId,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Z][A-Z0-9_]{1,39}$", maxLength = 40,
                    description = "TOP_UP, PAYMENT, DONATION; more kinds come with new features") String type,
            @Schema(requiredMode = RequiredMode.REQUIRED, allowableValues = { "CREDIT", "DEBIT" }) String direction,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Signed: negative for a debit") MoneyJson amount,
            @Schema(requiredMode = RequiredMode.REQUIRED) MoneyJson balanceAfter,
            @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX, description = "The other wallet's handle, if any")
            String counterparty,
            @Schema(pattern = ApiFormats.LINE, maxLength = 400) String description,
            @Schema(requiredMode = RequiredMode.REQUIRED, pattern = "^[A-Za-z0-9_:-]+$", maxLength = 100,
                    description = "What the transfer was for: the payment's or the top-up's id") String reference,
            @Schema(requiredMode = RequiredMode.REQUIRED, format = "date-time") String createdAt) {
    }

    @Schema(name = "TransactionPage")
    record Page(
            @ArraySchema(maxItems = ApiFormats.PAGE_MAX, arraySchema = @Schema(requiredMode = RequiredMode.REQUIRED)) List<Transaction> items,
            @Schema(pattern = ApiFormats.CURSOR, maxLength = ApiFormats.CURSOR_MAX, description = "Absent on the last page") String nextCursor) {
    }

    Mono<Page> statement(UserId user, Integer limit, String cursor) {
        var size = Cursor.limit(limit, 20, 100);
        Long before = cursor == null ? null : parseSeq(Cursor.decode(cursor, 1).getFirst());
        return existing(user).flatMap(w -> wallets.statement(w.id(), before, size + 1).collectList()).map(lines -> {
            var items = lines.stream().limit(size).map(l -> new Transaction(Long.toString(l.seq()), l.transferId().toString(),
                    l.kind(), l.amount() > 0 ? "CREDIT" : "DEBIT", MoneyJson.of(l.amount()), MoneyJson.of(l.balanceAfter()),
                    l.counterpartyHandle(), l.memo(), l.reference(),
                    l.at().toString())).toList();
            var next = lines.size() > size ? Cursor.encode(lines.get(size - 1).seq()) : null;
            return new Page(items, next);
        });
    }

    private Mono<WalletRow> existing(UserId user) {
        return walletOf(user).switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated",
                "The token's user no longer exists.")));
    }

    private static long parseSeq(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw Cursor.invalid();
        }
    }
}
