package io.piaf.payments;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** What other modules (and the app's views) ask of payments now. Money moves through {@link Ledger}. */
public interface Payments {

    /**
     * The user's wallet. A wallet is opened when {@code UserRegistered} reaches payments; when a caller is faster
     * than that event, it is opened now. Empty for an unknown user.
     */
    Mono<WalletId> wallet(UserId user);
}
