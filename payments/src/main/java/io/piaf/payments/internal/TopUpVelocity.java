package io.piaf.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.payments.internal.domain.Amounts;
import io.piaf.platform.logging.RequestLogs;
import io.piaf.platform.ratelimit.RateLimits;
import reactor.core.publisher.Mono;

/**
 * Card velocity rules, checked before a card is charged, from the top-ups already recorded (so they hold across
 * instances): an account with too many declines in 24 h, or a card declined too often in 24 h whatever the account,
 * is refused with 429 {@code rate_limited} until the oldest of those declines is a day old; an account's top-ups of
 * the day are capped (422 {@code limit_exceeded}, {@code daily_top_up}). Together with the per-account and
 * per-address limits at the web edge, they make card testing slow and visible instead of an oracle.
 */
@Component
class TopUpVelocity {

    private static final Logger log = LoggerFactory.getLogger(TopUpVelocity.class);

    private final TopUpStore topUps;
    private final PaymentsProperties properties;

    TopUpVelocity(TopUpStore topUps, PaymentsProperties properties) {
        this.topUps = topUps;
        this.properties = properties;
    }

    Mono<Void> check(UserId user, byte[] cardFingerprint, long cents) {
        var dayStart = LocalDate.now(properties.zone()).atStartOfDay(properties.zone()).toInstant();
        return topUps.velocity(user, cardFingerprint, dayStart).flatMap(v -> {
            if (v.accountDeclines() >= properties.topUpDeclinesPerDay()) {
                return RequestLogs.traced(() -> log.warn("Top-ups of user {} refused: {} declines in 24 h", user, v.accountDeclines()))
                        .then(Mono.error(RateLimits.refused(untilADayAfter(v.oldestAccountDecline()))));
            }
            if (v.cardDeclines() >= properties.cardDeclinesPerDay()) {
                return RequestLogs.traced(() -> log.warn("Top-up of user {} refused: the card was declined {} times in 24 h", user, v.cardDeclines()))
                        .then(Mono.error(RateLimits.refused(untilADayAfter(v.oldestCardDecline()))));
            }
            var cap = properties.topUpDailyCapCents();
            if (v.toppedUpToday() + cents > cap) {
                return Mono.error(new ProblemException(422, "limit_exceeded", "Top-ups are at most " + Amounts.format(cap)
                        + " EUR a day; " + Amounts.format(Math.max(0, cap - v.toppedUpToday())) + " EUR left today.",
                        Map.of("limit", Amounts.format(cap), "limitType", "daily_top_up")));
            }
            return Mono.empty();
        });
    }

    private static Duration untilADayAfter(Instant oldest) {
        var wait = oldest == null ? Duration.ofHours(24) : Duration.between(Instant.now(), oldest.plus(Duration.ofDays(1)));
        return wait.isNegative() ? Duration.ofSeconds(1) : wait;
    }
}
