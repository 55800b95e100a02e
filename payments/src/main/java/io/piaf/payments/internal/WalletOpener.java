package io.piaf.payments.internal;

import org.springframework.stereotype.Component;

import io.piaf.identity.UserRegistered;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/** Opens a wallet for every registered user, charities included. Idempotent: a wallet is opened once. */
@Component
class WalletOpener {

    private final WalletStore wallets;

    WalletOpener(WalletStore wallets) {
        this.wallets = wallets;
    }

    @OutboxListener(id = "payments.OpenWallet")
    Mono<Void> on(UserRegistered registered) {
        return wallets.open(registered.userId(), registered.handle(), registered.displayName(), registered.kind());
    }
}
