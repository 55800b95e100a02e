package io.piaf.identity;

import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * Identity's published API. Reads of the user directory and PIN checks are synchronous on purpose: a payment must
 * know now whether its payee exists and whether the payer's PIN is right.
 */
public interface Identity {

    Mono<UserSummary> find(UserId id);

    /** Empty when no user has this handle. */
    Mono<UserSummary> findByHandle(Handle handle);

    /** Users by id; ids with no user are left out. */
    Mono<Map<UserId, UserSummary>> findAll(Collection<UserId> ids);

    /** Users by lower-case handle; handles with no user are left out. */
    Mono<Map<String, UserSummary>> findByHandles(Collection<String> handles);

    /**
     * Checks the PIN and counts failures: the third wrong PIN in a row locks checks for a while. Constant-time
     * comparison.
     */
    Mono<PinCheck> checkPin(UserId id, String pin);

    /**
     * {@link #checkPin} for several users at once (one read for all, a write only for each wrong PIN): a batch of
     * payment confirmations checks its payers' PINs in one round trip. One user appears once.
     */
    Mono<Map<UserId, PinCheck>> checkPins(Map<UserId, String> pins);
}
