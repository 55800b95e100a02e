package io.piaf.savings.internal;

import org.springframework.stereotype.Component;

import io.piaf.outbox.OutboxListener;
import io.piaf.payments.WalletDebited;
import reactor.core.publisher.Mono;

/**
 * Rounds up what left a wallet: payments announce every debit of a wallet ({@link WalletDebited}), whatever caused it
 * — a payment, a donation, and card purchases once cards post them through the same ledger.
 */
@Component
class RoundUpListener {

    private final RoundUps roundUps;

    RoundUpListener(RoundUps roundUps) {
        this.roundUps = roundUps;
    }

    @OutboxListener(id = "savings.RoundUp")
    Mono<Void> on(WalletDebited debited) {
        var posting = debited.posting();
        return roundUps.afterSpending(posting.owner().id(), posting.kind(), posting.transferId(), posting.amount().minorUnits());
    }
}
