package io.piaf.campaigns.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param minimumDuration how far ahead a deadline must be (1 minute by default, so demos and tests can run; days in
 *        production)
 * @param feeBasisPoints the platform's fee on a successful campaign, in hundredths of a percent (500 = 5 %)
 * @param settleInterval how often due campaigns are looked for and their settlements carried out
 * @param settleBatch pledges refunded per transaction
 */
@ConfigurationProperties("piaf.campaigns")
record CampaignsProperties(@DefaultValue("1m") Duration minimumDuration, @DefaultValue("500") int feeBasisPoints,
        @DefaultValue("2s") Duration settleInterval, @DefaultValue("500") int settleBatch) {
}
