package io.piaf.crypto.internal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a crypto operation, the states users see. A transfer out starts {@code PENDING_CONFIRMATION} (waiting
 * for the PIN); a buy or sell starts {@code PENDING} (its first step committed, its chain transaction not signed yet).
 * {@code SUBMITTED}: signed and handed to the chain. {@code CONFIRMED}: the configured number of blocks deep — final.
 * {@code FAILED}: ended without effect (a buy's euros refunded). Every transition not listed is refused.
 */
public enum OperationStatus {
    PENDING_CONFIRMATION, PENDING, SUBMITTED, CONFIRMED, FAILED, CANCELLED, EXPIRED;

    private static final Map<OperationStatus, Set<OperationStatus>> NEXT = Map.of(
            PENDING_CONFIRMATION, EnumSet.of(SUBMITTED, CANCELLED, EXPIRED, FAILED),
            PENDING, EnumSet.of(SUBMITTED, FAILED),
            SUBMITTED, EnumSet.of(CONFIRMED, FAILED),
            CONFIRMED, EnumSet.noneOf(OperationStatus.class),
            FAILED, EnumSet.noneOf(OperationStatus.class),
            CANCELLED, EnumSet.noneOf(OperationStatus.class),
            EXPIRED, EnumSet.noneOf(OperationStatus.class));

    public boolean canBecome(OperationStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    /** The statuses from which the operation may still become {@code next}, for a guarded SQL update. */
    public static Set<OperationStatus> before(OperationStatus next) {
        var from = EnumSet.noneOf(OperationStatus.class);
        NEXT.forEach((status, targets) -> {
            if (targets.contains(next)) {
                from.add(status);
            }
        });
        return from;
    }
}
