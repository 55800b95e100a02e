package io.piaf.savings;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A vault's balance reached its goal (once per goal: changing the goal arms it again). */
@EventVersion(1)
public record VaultGoalReached(VaultId vaultId, UserId owner, String vaultName, Money goal, Money balance, Instant at) {
}
