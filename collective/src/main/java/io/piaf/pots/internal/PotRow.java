package io.piaf.pots.internal;

import java.time.Instant;

import io.piaf.identity.UserId;
import io.piaf.payments.AccountId;
import io.piaf.pots.PotId;
import io.piaf.pots.internal.domain.ContributionPrivacy;
import io.piaf.pots.internal.domain.PotRules;

/** A pot as stored; amounts in cents, {@code target} and {@code endsAt} may be null. */
record PotRow(PotId id, String slug, UserId organiser, String organiserHandle, String title, String description, Long target,
        Instant endsAt, ContributionPrivacy.Visibility visibility, AccountId account, boolean closed, long collected,
        int contributors, long withdrawn, Instant createdAt) {

    PotRules.Pot rules() {
        return new PotRules.Pot(closed, endsAt);
    }

    long balance() {
        return collected - withdrawn;
    }
}
