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
        // payments writes the amount it debited: two decimals, positive
        var cents = new java.math.BigDecimal(debited.amount()).movePointRight(2).longValueExact();
        return roundUps.afterSpending(debited.userId(), debited.kind(), debited.transferId(), cents);
    }
}
