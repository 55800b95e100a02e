package io.piaf.savings.internal.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Which annual rate applies on which day: each rate from its effective date until the next one. */
public final class RateHistory {

    /** A rate and the first day it applies. */
    public record Change(LocalDate effectiveFrom, InterestRate rate) {
    }

    private final NavigableMap<LocalDate, InterestRate> byDay = new TreeMap<>();

    public RateHistory(List<Change> changes) {
        changes.forEach(c -> byDay.put(c.effectiveFrom(), c.rate()));
    }

    public static RateHistory constant(InterestRate rate) {
        return new RateHistory(List.of(new Change(LocalDate.MIN, rate)));
    }

    /** The rate of {@code day}; zero before the first change (no interest was promised then). */
    public InterestRate on(LocalDate day) {
        Map.Entry<LocalDate, InterestRate> entry = byDay.floorEntry(day);
        return entry == null ? new InterestRate(0) : entry.getValue();
    }
}
