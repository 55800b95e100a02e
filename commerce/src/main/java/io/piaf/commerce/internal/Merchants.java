package io.piaf.commerce.internal;

import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.commerce.MerchantId;
import io.piaf.common.ProblemException;
import io.piaf.identity.ClientCredentials;
import io.piaf.identity.ClientId;
import io.piaf.identity.OAuthClients;
import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.payments.Ledger;
import reactor.core.publisher.Mono;

/**
 * Merchant onboarding: the merchant, its OAuth client (identity) and its ledger account (payments) are made in one
 * transaction, so a merchant exists with both or not at all.
 */
@Service
class Merchants {

    static final Set<String> SCOPES = Set.of("checkout:write", "payments:read", "refunds:write", "webhooks:write", "payouts:write");
    private static final Pattern MCC = Pattern.compile("[0-9]{4}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,63}");

    record Opened(MerchantStore.Merchant merchant, ClientCredentials credentials) {
    }

    private final MerchantStore merchants;
    private final OAuthClients clients;
    private final Ledger ledger;
    private final TransactionalOperator transactional;

    Merchants(MerchantStore merchants, OAuthClients clients, Ledger ledger, ReactiveTransactionManager transactions) {
        this.merchants = merchants;
        this.clients = clients;
        this.ledger = ledger;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<Opened> open(UserId owner, String name, String mcc, String supportEmail) {
        if (name == null || name.isBlank() || name.strip().length() > 80 || name.chars().anyMatch(Character::isISOControl)) {
            return Mono.error(ProblemException.badRequest("invalid_name", "A merchant name is one line of 1 to 80 characters."));
        }
        if (mcc == null || !MCC.matcher(mcc).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_mcc", "A merchant category code is 4 digits, e.g. \"5812\"."));
        }
        if (supportEmail == null || !EMAIL.matcher(supportEmail).matches()) {
            return Mono.error(ProblemException.badRequest("invalid_email", "A support e-mail address is required."));
        }
        var id = MerchantId.random();
        return transactional.transactional(ledger.openUserAccount(AccountId.random(), owner, "MERCHANT")
                .zipWith(clients.register(id.toString(), SCOPES))
                .flatMap(t -> {
                    var merchant = new MerchantStore.Merchant(id, owner, name.strip(), mcc, supportEmail.strip(),
                            t.getT2().clientId().value(), t.getT1());
                    return merchants.insert(merchant).thenReturn(new Opened(merchant, t.getT2()));
                }));
    }

    /** The owner's merchant, or 404 for anyone else. */
    Mono<MerchantStore.Merchant> owned(UserId caller, MerchantId id) {
        return merchants.find(id).filter(m -> m.owner().equals(caller)).switchIfEmpty(Mono.error(Merchants::notFound));
    }

    Mono<ClientCredentials> rotate(UserId caller, MerchantId id, boolean revokeOthers) {
        return owned(caller, id).flatMap(m -> clients.rotate(new ClientId(m.clientId()), revokeOthers));
    }

    Mono<Void> revoke(UserId caller, MerchantId id) {
        return owned(caller, id).flatMap(m -> clients.revoke(new ClientId(m.clientId())));
    }

    reactor.core.publisher.Flux<MerchantStore.Merchant> ownedBy(UserId owner) {
        return merchants.ownedBy(owner);
    }

    Mono<MerchantStore.Merchant> find(MerchantId id) {
        return merchants.find(id);
    }

    static ProblemException notFound() {
        return ProblemException.notFound("merchant_not_found", "No such merchant.");
    }
}
