package io.piaf.savings.internal;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ApplicationContext;

import io.piaf.savings.internal.domain.Interest;

/** Savings' jobs and rule for tests outside its package (browser journeys): run the jobs now, compute interest. */
public final class SavingsTestSupport {

    private SavingsTestSupport() {
    }

    /** Runs the interest job and the schedule job to completion, as the next tick would. */
    public static void runJobs(ApplicationContext context) {
        context.getBean(InterestJob.class).catchUp().block();
        context.getBean(ScheduleJob.class).runDue().block();
    }

    /** The interest credited through {@code through} to a vault opened on {@code opened} with these movements. */
    public static long interestCents(ApplicationContext context, LocalDate opened, Map<LocalDate, Long> movements, LocalDate through) {
        var rates = context.getBean(RateStore.class).history().block();
        return Interest.accrue(Interest.Position.openedOn(opened), 0, new TreeMap<>(movements), rates, through).creditedCents();
    }
}
