package io.piaf.savings;

import java.time.Instant;
import java.time.YearMonth;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/** A month's interest was credited to a vault ({@code amount} > 0; a month that earned less than a cent carries on). */
@EventVersion(1)
@Externalized(value = "savings", key = "/vaultId")
public record InterestCredited(VaultId vaultId, UserId owner, String vaultName, YearMonth month, Money amount,
        Money balance, Instant at) {
}
