package io.piaf.payments.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.piaf.common.Cursor;
import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.payments.Payments;
import io.piaf.payments.WalletId;
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

    record WalletView(String id, MoneyJson balance, Limits limits) {
    }

    record Limits(MoneyJson perPaymentToPerson, MoneyJson perPaymentToCharity, MoneyJson daily, MoneyJson sentToday,
            MoneyJson remainingToday, MoneyJson maxTopUp) {
    }

    Mono<WalletView> view(UserId user) {
        var limits = properties.limits();
        return existing(user).map(w -> new WalletView(w.id().toString(), MoneyJson.of(w.balance()), new Limits(
                MoneyJson.of(limits.perPaymentToPerson()), MoneyJson.of(limits.perPaymentToCharity()),
                MoneyJson.of(limits.daily()), MoneyJson.of(w.sentSoFarToday()),
                MoneyJson.of(limits.remainingToday(w.sentSoFarToday())), MoneyJson.of(properties.maxTopUpCents()))));
    }

    record Transaction(String id, String transferId, String type, String direction, MoneyJson amount,
            MoneyJson balanceAfter, String counterparty, String description, String reference, String createdAt) {
    }

    record Page(List<Transaction> items, String nextCursor) {
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
