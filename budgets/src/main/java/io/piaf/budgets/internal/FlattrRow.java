package io.piaf.budgets.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One flattr: a user's click on a post in a budget month ({@code creatorHandle} null when read for the close). */
record FlattrRow(UUID user, LocalDate month, UUID post, UUID creator, String creatorHandle, Instant at) {
}
