package io.piaf.budgets;

import java.time.Instant;

import io.piaf.common.EventVersion;
import io.piaf.common.Externalized;
import io.piaf.identity.UserId;
import io.piaf.payments.Money;

/**
 * What a month's flattrs paid a creator, all payers together, once every budget of the month has closed: one per
 * creator paid and month. {@code month} is {@code yyyy-MM}; {@code payers} is how many budgets paid them,
 * {@code flattrs} how many of their posts' flattrs were paid. Who paid is not in it.
 */
@EventVersion(1)
@Externalized(value = "budgets", key = "/creatorId")
public record FlattrsPaid(UserId creatorId, String month, Money amount, int payers, int flattrs, Instant paidAt) {
}
