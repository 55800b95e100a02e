package io.piaf.unlocks.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code piaf.unlocks.*}.
 *
 * @param linkBase what an item's link starts with in posts: the web app's address ({@code <linkBase>/unlock/<id>})
 * @param linkTtl how long a signed content link opens the content
 * @param linkKey base64 HMAC key of content links; empty: the secret file {@code unlocks-link-key} (SecretStore)
 * @param minimumAccountAge how old an account must be to unlock (small by default so demos and tests run; production
 *        raises it)
 * @param perHour the most unlocks one user makes in an hour
 * @param revocableFor how long after publication deleting the post revokes the unlock
 * @param maxPrice the highest price (EUR) a creator may ask for an unlock by payment; payments' cap of one payment to a
 *        person by default
 * @param fileMaxSize the largest content file a creator may upload (stored in the database, read whole in memory)
 */
@ConfigurationProperties("piaf.unlocks")
record UnlocksProperties(@DefaultValue("http://localhost:8080") String linkBase, @DefaultValue("15m") Duration linkTtl,
        @DefaultValue("") String linkKey, @DefaultValue("1m") Duration minimumAccountAge, @DefaultValue("10") int perHour,
        @DefaultValue("24h") Duration revocableFor, @DefaultValue("5MB") DataSize fileMaxSize,
        @DefaultValue("250.00") java.math.BigDecimal maxPrice) {

    long maxPriceCents() {
        return maxPrice.movePointRight(2).longValueExact();
    }
}
