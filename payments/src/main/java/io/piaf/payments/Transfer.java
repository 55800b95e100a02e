package io.piaf.payments;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A balanced movement to post to the {@link Ledger}: two or more legs on distinct accounts whose amounts sum to zero
 * (negative legs debit, positive legs credit). {@code kind} and {@code reference} name what caused it (e.g.
 * {@code PAYMENT} and the payment id): the ledger posts a given kind and reference at most once.
 */
public record Transfer(TransferId id, String kind, String reference, List<Leg> legs) {

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    /** One entry of the transfer; {@code memo} is the line a statement shows for it (may be null). */
    public record Leg(AccountId account, Money amount, String memo) {

        public Leg {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(amount, "amount");
            if (amount.minorUnits() == 0) {
                throw new IllegalArgumentException("A leg moves a non-zero amount");
            }
        }
    }

    public Transfer {
        Objects.requireNonNull(id, "id");
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("A transfer kind is UPPER_SNAKE_CASE: " + kind);
        }
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("A transfer names its reference");
        }
        legs = List.copyOf(legs);
        if (legs.size() < 2) {
            throw new IllegalArgumentException("A transfer has at least two legs");
        }
        var accounts = new HashSet<AccountId>();
        long sum = 0;
        for (var leg : legs) {
            if (!accounts.add(leg.account())) {
                throw new IllegalArgumentException("A transfer moves each account once: " + leg.account());
            }
            sum = Math.addExact(sum, leg.amount().minorUnits());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("A transfer's legs sum to zero, not " + sum);
        }
    }

    /** The common case: {@code amount} leaves {@code from} and reaches {@code to}. */
    public static Transfer between(TransferId id, String kind, String reference, AccountId from, String fromMemo,
            AccountId to, String toMemo, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A transfer moves a positive amount");
        }
        return new Transfer(id, kind, reference, List.of(new Leg(from, amount.negate(), fromMemo), new Leg(to, amount, toMemo)));
    }
}
