package io.piaf.savings.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.savings.*}.
 *
 * @param zone whose days interest accrues on and schedules run on
 * @param annualRate the annual interest rate in percent (at most four decimals), from {@code rateEffectiveFrom} on;
 *        a new pair adds a change to the rate history (rates of days already accrued are never rewritten)
 * @param rateEffectiveFrom the first day {@code annualRate} applies
 * @param jobsEnabled whether this instance runs the interest and schedule jobs (any number of instances may)
 * @param jobInterval how often the jobs look for work (a new day to accrue, schedules due)
 * @param accrualChunk vaults accrued per transaction: bounds how long a vault's row stays locked
 * @param creditChunk vaults credited per transaction (one ledger transfer each chunk)
 * @param maxOpenVaults how many open vaults a user may have
 */
@ConfigurationProperties("piaf.savings")
record SavingsProperties(
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("4.00") BigDecimal annualRate,
        @DefaultValue("2000-01-01") LocalDate rateEffectiveFrom,
        @DefaultValue("true") boolean jobsEnabled,
        @DefaultValue("1m") Duration jobInterval,
        @DefaultValue("2500") int accrualChunk,
        @DefaultValue("500") int creditChunk,
        @DefaultValue("20") int maxOpenVaults) {

    LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zone));
    }
}
