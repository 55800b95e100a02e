package io.piaf.payments;

import java.time.Instant;
import java.util.List;

/** What posting a {@link Transfer} did. Only {@link Posted} moved money; the others changed nothing. */
public sealed interface TransferResult {

    /** The transfer is in the ledger; one posting per leg, with the account's balance right after it. */
    record Posted(TransferId id, Instant at, List<Posting> postings) implements TransferResult {

        public Posted {
            postings = List.copyOf(postings);
        }
    }

    /** A user account would go below zero. */
    record InsufficientFunds(AccountId account) implements TransferResult {
    }

    /** A transfer with this kind and reference was posted before: nothing moved again. */
    record AlreadyPosted(String kind, String reference) implements TransferResult {
    }

    /** A leg names an account that does not exist. */
    record UnknownAccount() implements TransferResult {
    }

    record Posting(AccountId account, Money amount, Money balanceAfter) {
    }
}
