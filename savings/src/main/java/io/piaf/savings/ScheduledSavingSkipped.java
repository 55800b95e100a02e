package io.piaf.savings;

import java.time.Instant;
import java.time.LocalDate;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/**
 * A scheduled transfer into a vault did not run: nothing moved. The schedule stays on and runs again on
 * {@code nextRun}.
 *
 * @param reason the API's problem code, e.g. {@code insufficient_funds}
 */
@EventVersion(1)
@Externalized(value = "savings", key = "/vaultId")
public record ScheduledSavingSkipped(VaultId vaultId, UserId owner, String vaultName, Money amount, LocalDate scheduledFor,
        LocalDate nextRun, String reason, Instant at) {
}
