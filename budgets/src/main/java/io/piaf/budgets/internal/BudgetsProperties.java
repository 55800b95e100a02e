package io.piaf.budgets.internal;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param feeBasisPoints the platform's fee on a month's budget, in hundredths of a percent (1000 = 10 %), shown before
 *        subscribing and fixed for a month when it is funded
 * @param zone where months begin and end
 * @param closeInterval how often months due are closed and new months funded
 * @param closeBatch budget months closed (or funded) per transaction: the batch's ledger transfers are posted by one
 *        set-based statement, so a bigger batch costs fewer round trips; it also holds the wallets of the creators it
 *        pays locked until it commits (a payment to one of them waits that long: 5–6 s per batch of 1000 was measured
 *        on the loaded bench VM, bench/README.md)
 */
@ConfigurationProperties("piaf.budgets")
record BudgetsProperties(@DefaultValue("1000") int feeBasisPoints, @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("1m") Duration closeInterval, @DefaultValue("1000") int closeBatch) {
}
