package io.piaf.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock savings reads in tests: real time plus an offset that only grows, so that a test can jump to a later
 * day (interest, schedules) while time keeps running and never goes back for the tests after it.
 */
public class MovableClock extends Clock {

    public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        var self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Today in Paris, as savings sees it. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), PARIS);
    }

    /** Moves to one minute past midnight (Paris) of {@code day}; refuses to go back in time. */
    public synchronized void travelTo(LocalDate day) {
        var target = day.atStartOfDay(PARIS).plusMinutes(1).toInstant();
        var now = instant();
        if (target.isBefore(now)) {
            throw new IllegalArgumentException("The test clock only moves forward: it is " + now + ", not going back to " + day);
        }
        offset.updateAndGet(o -> o.plus(Duration.between(now, target)));
    }
}
