package io.piaf.savings.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.piaf.identity.UserId;
import io.piaf.payments.TransferId;
import io.piaf.savings.internal.MovementStore.Kind;
import io.piaf.savings.internal.VaultPostings.Outcome;
import io.piaf.savings.internal.domain.RoundUp;
import reactor.core.publisher.Mono;

/**
 * Saves the change of a spending into the user's round-up vault. Runs in the caller's transaction (an outbox
 * listener's). Once per spending: the ledger posts a round-up for a given spending transfer at most once, however
 * often its event is delivered. A wallet that cannot cover the round-up skips it, silently.
 */
@Service
class RoundUps {

    private static final Logger log = LoggerFactory.getLogger(RoundUps.class);

    private final VaultStore vaults;
    private final VaultPostings postings;
    private final SavingsProperties properties;
    private final Clock clock;

    RoundUps(VaultStore vaults, VaultPostings postings, SavingsProperties properties, Clock clock) {
        this.vaults = vaults;
        this.postings = postings;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param transferKind the spending's ledger transfer kind: only spending ({@link RoundUp#appliesTo}) is rounded up
     * @param spending the ledger transfer that debited the wallet, the round-up's reference
     */
    Mono<Void> afterSpending(UserId owner, String transferKind, TransferId spending, long spentCents) {
        if (!RoundUp.appliesTo(transferKind)) {
            return Mono.empty();
        }
        return vaults.lockRoundUpTarget(owner).flatMap(vault -> {
            var cents = RoundUp.of(spentCents, vault.roundUpMultiplier());
            if (cents == 0) {
                return Mono.empty();
            }
            return postings.move(vault, Kind.ROUND_UP, cents, spending.toString(), properties.today(clock))
                    .doOnNext(outcome -> {
                        if (outcome instanceof Outcome.Short) {
                            log.debug("Round-up of {} into {} skipped: the wallet cannot cover it", spending, vault.id());
                        }
                    })
                    .then();
        });
    }
}
