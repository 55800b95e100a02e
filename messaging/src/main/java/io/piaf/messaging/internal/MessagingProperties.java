package io.piaf.messaging.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.messaging.*}.
 *
 * @param pullThreshold an author with at least this many followers is not fanned out: followers pull their items
 *        when they read (see bench/timeline/README.md for the numbers behind the default)
 * @param followBackfill how many of an author's latest items a new follower finds in their timeline at once
 * @param messageMaxLength longest direct message, in code points
 */
@ConfigurationProperties("piaf.messaging")
record MessagingProperties(
        @DefaultValue("10000") int pullThreshold,
        @DefaultValue("20") int followBackfill,
        @DefaultValue("1000") int messageMaxLength) {
}
