package io.piaf.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code piaf.notifications.*}.
 *
 * @param heartbeat how often an idle stream sends a comment (keeps proxies from closing it) and re-reads the
 *        database, the safety net should a database notification be lost
 */
@ConfigurationProperties("piaf.notifications")
record NotificationsProperties(@DefaultValue("15s") Duration heartbeat) {
}
