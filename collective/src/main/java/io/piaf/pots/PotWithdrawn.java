package io.piaf.pots;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;
import io.piaf.payments.TransferId;

/** The organiser moved {@code amount} from the pot to their wallet (ledger transfer {@code transferId}), in this transaction. */
@EventVersion(1)
public record PotWithdrawn(PotId potId, UserId organiserId, Money amount, TransferId transferId, Instant withdrawnAt) {
}
