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
 *        pays locked from that statement until it commits (about a second per batch of 1000 at full scale on the quiet
 *        bench VM, bench/README.md: a payment to one of them waits that long)
 * @param closeWorkers batches closed at once by one instance: each locks its own budget months (SKIP LOCKED) and
 *        posts its ledger transfers last, so one batch reads, splits and writes while another holds the creators'
 *        wallets
 */
@ConfigurationProperties("piaf.budgets")
record BudgetsProperties(@DefaultValue("1000") int feeBasisPoints, @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("1m") Duration closeInterval, @DefaultValue("1000") int closeBatch, @DefaultValue("2") int closeWorkers) {
}
