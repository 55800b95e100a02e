package io.piaf.savings;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A vault's balance reached its goal (once per goal: changing the goal arms it again). */
@EventVersion(1)
@Externalized(value = "savings", key = "/vaultId")
public record VaultGoalReached(VaultId vaultId, UserId owner, String vaultName, Money goal, Money balance, Instant at) {
}
