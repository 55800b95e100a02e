package io.piaf.payments;

import java.util.List;

/**
 * {@link Ledger#hold} as part of the caller's own SQL statement, for a caller that must place the hold and write its
 * own rows in one statement (the card issuer answers the network with one statement and no transaction around it:
 * BEGIN and COMMIT would be two more round trips). The hold is payments' own function ({@code payments.place_hold}),
 * with the same guarantees as {@link Ledger#hold}: it locks the account, checks its available balance and writes the
 * hold, so concurrent holds never reserve more than the account has. The caller never touches payments' tables.
 * <p>
 * {@link #call(int)} is a set-returning call that yields one row: {@code is_found} (the account exists),
 * {@code is_funded}, {@code hold_remaining} (null when nothing was held) and {@code available} (after). The hold is
 * placed when {@code hold_remaining is not null}. Put it where a row drives it, e.g.
 * {@code from locked_card cross join lateral <call> as h}, so it runs only when the caller's own checks passed and
 * after the caller's own locks (a hold locks the account: lock what you lock before it, always in that order).
 */
public record ComposedHold(HoldId id, AccountId account, Money amount, String memo) {

    public ComposedHold {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A hold reserves a positive amount: " + amount);
        }
    }

    /** The set-returning call, its arguments at {@code $first} .. {@code $first+3}. */
    public String call(int first) {
        return "payments.place_hold($%d::uuid, $%d::uuid, $%d::bigint, $%d::text)".formatted(first, first + 1, first + 2, first + 3);
    }

    /**
     * Many holds in one call, for a statement that places a batch of them ({@code payments.place_holds}): SQL
     * expressions of four arrays, in step — the holds' ids, their accounts, amounts in minor units and memos (e.g.
     * {@code array_agg}s over the caller's rows). A set-returning call yielding a row per hold: {@code hold_id},
     * {@code is_found}, {@code is_funded}, {@code hold_remaining} (null when not placed) and {@code available}. Every
     * account is locked first, in id order. One hold per account: a call naming an account twice fails.
     */
    public static String callOnArrays(String ids, String accounts, String amounts, String memos) {
        return "payments.place_holds(%s::uuid[], %s::uuid[], %s::bigint[], %s::text[])".formatted(ids, accounts, amounts, memos);
    }

    /** The values to bind at the positions of {@link #call(int)}, in order; the memo may be null. */
    public List<Object> arguments() {
        return java.util.Arrays.asList(id.value(), account.value(), amount.minorUnits(), memo);
    }
}
