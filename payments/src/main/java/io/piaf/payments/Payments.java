package io.piaf.payments;

import java.util.Collection;
import java.util.Map;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** What other modules (and the app's views) ask of payments now. Money moves through {@link Ledger}. */
public interface Payments {

    /**
     * The user's wallet. A wallet is opened when {@code UserRegistered} reaches payments; when a caller is faster
     * than that event, it is opened now. Empty for an unknown user.
     */
    Mono<WalletId> wallet(UserId user);

    /**
     * The wallets of these users, read in one query; the missing ones are opened now, together (as {@link #wallet}
     * opens one). Unknown users are left out of the map. For jobs that pay many users at once (a month close).
     */
    Mono<Map<UserId, WalletId>> wallets(Collection<UserId> users);
}
